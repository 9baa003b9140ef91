package dev.capstan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import dev.capstan.localcluster.ControlPlaneRecipe;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "version", description = "Print the version of Capstan and of what it runs on.")
final class VersionCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        var out = spec.commandLine().getOut();
        for (String line : new Provider().getVersion()) {
            out.println(line);
        }
    }

    static String capstanVersion() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
            var properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "capstan " + capstanVersion(),
                "java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")",
                "local control plane: kubernetes " + ControlPlaneRecipe.KUBERNETES_VERSION
                        + ", etcd " + ControlPlaneRecipe.ETCD_VERSION + ", kwok " + ControlPlaneRecipe.KWOK_VERSION,
            };
        }
    }
}
