package dev.capstan.bench;

import java.util.Locale;

/** One timed run of one tool: seconds to the last object seen, to the tool's return, CPU and writes. */
record Measurement(String scenario, String tool, int repetition, double wallSeconds, double toolSeconds,
                   double apiServerCpuSeconds, double harnessCpuSeconds, long writes) {

    String json() {
        return String.format(Locale.ROOT,
                "{\"scenario\":\"%s\",\"tool\":\"%s\",\"repetition\":%d,\"wall\":%.3f,\"toolReturned\":%.3f,"
                        + "\"apiServerCpu\":%.2f,\"inProcessCpu\":%.2f,\"writes\":%d}",
                scenario, tool, repetition, wallSeconds, toolSeconds, apiServerCpuSeconds, harnessCpuSeconds, writes);
    }
}
