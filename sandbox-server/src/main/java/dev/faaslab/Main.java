package dev.faaslab;

import dev.faaslab.cli.FaasLabCommand;

/** The {@code ./faaslab} launcher's entry point. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(FaasLabCommand.forArguments(args).execute(args));
    }
}
