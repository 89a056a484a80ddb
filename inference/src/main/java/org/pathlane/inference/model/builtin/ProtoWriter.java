package org.pathlane.inference.model.builtin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The two protobuf encodings the bundled ONNX model needs (varint and length-delimited), written by
 * hand. Why not protobuf-java with classes generated from onnx.proto: the bundled model uses about a
 * dozen fields of six messages, the output is checked by ONNX Runtime itself when the model loads, and a
 * 60-line writer avoids a new dependency, a code generator in the build and a vendored .proto. Repeated
 * scalars are written unpacked, as proto2 (onnx.proto's syntax) does by default.
 */
final class ProtoWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter int64(int field, long value) {
        tag(field, 0);
        varint(value);
        return this;
    }

    ProtoWriter int64s(int field, long... values) {
        for (long v : values) {
            int64(field, v);
        }
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter bytes(int field, byte[] value) {
        tag(field, 2);
        varint(value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
