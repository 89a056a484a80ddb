package org.pathlane.packaging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.spi.ToolProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a JDK tool (jdeps, jmod, jlink, jpackage) in-process and turns a failure into one clear error. */
public final class JdkTool {

    private static final Logger LOG = LoggerFactory.getLogger(JdkTool.class);

    private JdkTool() {
    }

    /** Runs {@code name} with {@code args}; returns what it printed on stdout. */
    public static String run(String name, List<String> args) {
        ToolProvider tool = ToolProvider.findFirst(name).orElseThrow(() -> new PackagingException(
                "The JDK running the build has no '" + name + "' tool: build with a full JDK 25 (Temurin), not a JRE."));
        LOG.debug("{} {}", name, args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            status = tool.run(o, e, args.toArray(String[]::new));
        }
        if (status != 0) {
            throw new PackagingException(name + " failed (exit " + status + "): "
                    + (err.toString() + out).strip() + System.lineSeparator() + "  command: " + name + " " + String.join(" ", args));
        }
        if (!err.toString().isBlank()) {
            LOG.info("{}: {}", name, err.toString().strip());
        }
        return out.toString();
    }
}
