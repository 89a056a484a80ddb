package org.pathlane.inference.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads numpy {@code .npy} arrays (format 1.x/2.x/3.x, C order, little- or big-endian float32/float64/
 * int/uint), the format of bioimage.io test tensors, into floats.
 *
 * @param shape  the array's shape
 * @param values every element in C order
 */
public record Npy(long[] shape, float[] values) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    public static Npy read(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.remaining() < 10 || !Arrays.equals(Arrays.copyOf(buf.array(), 6), MAGIC)) {
            throw new IOException(file + ": not a .npy file (no \\x93NUMPY magic)");
        }
        int major = buf.get(6);
        int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort(8)) : buf.getInt(8);
        int headerStart = major == 1 ? 10 : 12;
        if (headerStart + headerLength > buf.capacity()) {
            throw new IOException(file + ": truncated .npy header");
        }
        String header = new String(buf.array(), headerStart, headerLength, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new IOException(file + ": .npy header without descr/shape: " + header.trim());
        }
        if (f.find() && f.group(1).equals("True")) {
            throw new IOException(file + ": Fortran-ordered .npy arrays are not supported");
        }
        long[] shape = Arrays.stream(s.group(1).split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        long count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        char kind = d.group(2).charAt(0);
        int width = Integer.parseInt(d.group(3));
        buf.order(d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        buf.position(headerStart + headerLength);
        if (buf.remaining() < count * width) {
            throw new IOException(file + ": truncated .npy data (" + buf.remaining() + " bytes for " + count + " values)");
        }
        float[] values = new float[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (kind + "" + width) {
                case "f4" -> buf.getFloat();
                case "f8" -> (float) buf.getDouble();
                case "i1" -> buf.get();
                case "u1" -> Byte.toUnsignedInt(buf.get());
                case "i2" -> buf.getShort();
                case "u2" -> Short.toUnsignedInt(buf.getShort());
                case "i4" -> buf.getInt();
                case "u4" -> Integer.toUnsignedLong(buf.getInt());
                case "i8", "u8" -> buf.getLong();
                case "b1" -> buf.get() != 0 ? 1 : 0;
                default -> throw new IOException(file + ": .npy dtype " + d.group(0) + " is not supported");
            };
        }
        return new Npy(shape, values);
    }
}
