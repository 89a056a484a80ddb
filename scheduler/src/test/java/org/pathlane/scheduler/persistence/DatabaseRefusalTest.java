package org.pathlane.scheduler.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file PathLane refuses to open as its database stays byte for byte as it was, and the one line that
 * refuses it names the file and says what to do. An empty file is refused too, never replaced by a new
 * database (the lab would be greeted as new and its history would look gone).
 */
class DatabaseRefusalTest {

    @TempDir
    static Path templates;

    /** How to make one kind of bad file in {@code dir}, and what its refusal must say. */
    interface BadFile {
        void write(Path dir) throws Exception;
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("empty", (BadFile) dir -> Files.write(file(dir), new byte[0]), "empty"),
                Arguments.of("random bytes", (BadFile) dir -> Files.write(file(dir), random(64 * 1024, 3)), "damaged"),
                Arguments.of("a text file", (BadFile) dir -> Files.writeString(file(dir), "hello, not a database\n"), "damaged"),
                Arguments.of("first half of a database", (BadFile) dir -> {
                    byte[] whole = Files.readAllBytes(file(validDatabase()));
                    Files.write(file(dir), Arrays.copyOf(whole, whole.length / 2));
                }, "cut short"),
                Arguments.of("header overwritten", (BadFile) dir -> {
                    byte[] whole = Files.readAllBytes(file(validDatabase()));
                    System.arraycopy(random(4096, 5), 0, whole, 0, 4096);
                    System.arraycopy(random(4096, 6), 0, whole, 4096, 4096);
                    Files.write(file(dir), whole);
                }, "damaged"),
                Arguments.of("another program's H2 database", (BadFile) dir -> {
                    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(Database.FILE_STEM));
                            Statement s = c.createStatement()) {
                        s.execute("create table invoices (id int primary key, amount decimal(10,2))");
                        s.execute("insert into invoices values (1, 9.99)");
                    }
                }, "not a PathLane database"),
                Arguments.of("password-protected", (BadFile) dir -> {
                    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(Database.FILE_STEM)
                            + ";CIPHER=AES", "sa", "filepw userpw"); Statement s = c.createStatement()) {
                        s.execute("create table secrets (id int)");
                    }
                }, "damaged or not a PathLane database"),
                Arguments.of("written by a newer PathLane", (BadFile) dir -> {
                    copyValid(dir);
                    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(Database.FILE_STEM));
                            Statement s = c.createStatement()) {
                        s.executeUpdate("insert into \"flyway_schema_history\" (\"installed_rank\", \"version\", "
                                + "\"description\", \"type\", \"script\", \"checksum\", \"installed_by\", "
                                + "\"execution_time\", \"success\") values (99, '99', 'from the future', 'SQL', "
                                + "'V99__future.sql', 0, 'test', 1, true)");
                    }
                }, "newer PathLane"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aRefusedFileIsNeverWrittenToAndTheMessageSaysWhatToDo(String kind, BadFile bad, String says,
            @TempDir Path dir) throws Exception {
        bad.write(dir);
        Path file = file(dir);
        String before = sha256(file);
        long modified = Files.getLastModifiedTime(file).toMillis();

        assertThatThrownBy(() -> Database.openFile(dir)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(says)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        // The same again: a second try (the technician starts PathLane twice) changes nothing either.
        assertThatThrownBy(() -> Database.openFile(dir)).isInstanceOf(DatabaseException.class);

        assertThat(sha256(file)).as("the refused file's bytes").isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file).toMillis()).as("the refused file's time").isEqualTo(modified);
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }

    private static Path file(Path dir) {
        return dir.resolve(Database.FILE_STEM + ".mv.db");
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static synchronized Path validDatabase() {
        Path dir = templates.resolve("valid");
        if (!Files.exists(file(dir))) {
            try (Database database = Database.openFile(dir)) {
                database.inTransaction(session -> {
                    session.doWork(c -> {
                        try (Statement s = c.createStatement()) {
                            s.executeUpdate("insert into pl_user values ('kept', '#000000', false, null, 0, false, 0)");
                        }
                    });
                    return null;
                });
            }
        }
        return dir;
    }

    private static void copyValid(Path dir) throws IOException {
        Files.copy(file(validDatabase()), file(dir));
    }
}
