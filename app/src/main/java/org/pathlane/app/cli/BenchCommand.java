package org.pathlane.app.cli;

import picocli.CommandLine.Command;

/** {@code pathlane bench ...}: benchmarks that print figures measured in one run. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks: each prints the figures it measured in one run.",
        subcommands = {
            BenchSchedulerCommand.class,
            BenchReadCommand.class,
            BenchViewerCommand.class,
            BenchSegmentCommand.class,
            BenchDurabilityCommand.class,
            BenchDatabaseCommand.class,
            BenchAccuracyCommand.class,
        })
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
