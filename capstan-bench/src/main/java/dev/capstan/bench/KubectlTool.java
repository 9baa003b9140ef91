package dev.capstan.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The peer: {@code kubectl apply --server-side} on the mix's files, as a user would run it. */
final class KubectlTool implements Tool {

    private final Path kubectl;
    private final Path kubeconfig;

    KubectlTool(Path kubectl, Path kubeconfig) {
        this.kubectl = kubectl;
        this.kubeconfig = kubeconfig;
    }

    @Override
    public String name() {
        return "kubectl";
    }

    @Override
    public void apply(ObjectMix mix, Path files) throws Exception {
        Process process = new ProcessBuilder(kubectl.toString(), "--kubeconfig", kubeconfig.toString(),
                "apply", "--server-side", "--field-manager=kubectl", "-f", files.toString())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("kubectl apply failed:\n" + output);
        }
    }
}
