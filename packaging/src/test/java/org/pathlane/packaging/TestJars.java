package org.pathlane.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.attribute.ModuleAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.constant.ModuleDesc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Small jars for the tests, with real class files made by the JDK's class-file API. */
public final class TestJars {

    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final Manifest manifest = new Manifest();

    public TestJars() {
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    }

    public TestJars entry(String name, byte[] bytes) {
        entries.put(name, bytes);
        return this;
    }

    public TestJars entry(String name, String text) {
        return entry(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public TestJars manifest(String attribute, String value) {
        manifest.getMainAttributes().putValue(attribute, value);
        return this;
    }

    /** An explicit module named {@code name} requiring java.base and {@code requires}. */
    public TestJars module(String name, String... requires) {
        return entry("module-info.class", ClassFile.of().buildModule(ModuleAttribute.of(ModuleDesc.of(name), module -> {
            module.requires(ModuleDesc.of("java.base"), ClassFile.ACC_MANDATED, null);
            for (String required : requires) {
                module.requires(ModuleDesc.of(required), 0, null);
            }
        })));
    }

    /** A class {@code className} with one static method returning {@code null} cast to {@code usedType}. */
    public TestJars classUsing(String className, String usedType) {
        ClassDesc used = ClassDesc.of(usedType);
        byte[] bytes = ClassFile.of().build(ClassDesc.of(className), cls -> cls.withMethodBody("use",
                MethodTypeDesc.of(used), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                code -> code.aconst_null().checkcast(used).areturn()));
        return entry(className.replace('.', '/') + ".class", bytes);
    }

    /** A class {@code className} whose {@code main} prints the system property {@code property}. */
    public TestJars mainPrinting(String className, String property) {
        ClassDesc system = ClassDesc.of("java.lang.System");
        ClassDesc printStream = ClassDesc.of("java.io.PrintStream");
        ClassDesc string = ClassDesc.of("java.lang.String");
        byte[] bytes = ClassFile.of().build(ClassDesc.of(className), cls -> cls
                .withFlags(ClassFile.ACC_PUBLIC)
                .withMethodBody("main", MethodTypeDesc.of(ClassDesc.ofDescriptor("V"), string.arrayType()),
                        ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                                .getstatic(system, "out", printStream)
                                .ldc(property)
                                .invokestatic(system, "getProperty", MethodTypeDesc.of(string, string))
                                .invokevirtual(printStream, "println", MethodTypeDesc.of(ClassDesc.ofDescriptor("V"), string))
                                .return_()));
        return entry(className.replace('.', '/') + ".class", bytes);
    }

    public Path write(Path jar) throws IOException {
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }
}
