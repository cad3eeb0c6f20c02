package io.zhili.cli;

import picocli.CommandLine.Command;

/** Runs the main job on the embedded default. (Being built.) */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate the small data set, run hotspots with tiles and trucks, print where everything is.")
public final class DemoCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalStateException("demo is not built yet");
    }
}
