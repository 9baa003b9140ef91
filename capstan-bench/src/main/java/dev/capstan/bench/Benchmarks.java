package dev.capstan.bench;

import java.util.Arrays;

/**
 * The entry point of {@code ./bench}: a scenario of {@code docs/benchmarks.md} by name, each on a
 * local control plane of its own.
 *
 * <pre>
 * ./bench [repetitions]                 (a) cold sync of the 1,000-object mix (default 5)
 * ./bench heal [samples] [spacing s] [burst]      (c) drift to heal (200, 13, 10)
 * ./bench push [webhook] [poll] [interval s] [bulk] (d) push to applied (30, 20, 10, 5)
 * ./bench idle [minutes] [apps] [apps per repo]  (b) idle applications (10, 500, 10)
 * ./bench memory [thousands,...]        (e) memory with managed and unmanaged objects (0,10,20,50)
 * ./bench health [objects] [rounds]     (f) health of 10,000 objects: Capstan, Lua peer, floor (10000, 15)
 * ./bench ui [rounds] [apps] [resources]  (g) the web UI in Chromium: list of 1,000 apps, tree of 2,000 (5, 1000, 2000)
 * </pre>
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String scenario = args.length == 0 ? "" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (scenario) {
            case "heal" -> HealBenchmark.run(rest);
            case "push" -> PushBenchmark.run(rest);
            case "idle" -> IdleBenchmark.run(rest);
            case "memory" -> MemoryBenchmark.run(rest);
            case "health" -> HealthBenchmark.run(rest);
            case "ui" -> UiBenchmark.run(rest);
            case "sync" -> SyncBenchmark.main(rest);
            default -> SyncBenchmark.main(args);
        }
        System.exit(0);
    }
}
