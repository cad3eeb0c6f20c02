package io.zhili.cli;

import picocli.CommandLine.Command;

/** Writes the deterministic synthetic Qingdao data sets. (Being built; see issue 2.) */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate deterministic synthetic Qingdao data (areas, components, cases, trucks).")
public final class GenerateCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalStateException("generate is not built yet");
    }
}
