package dev.capstan.localcluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Health probes of the components over loopback: etcd's {@code /health} over HTTP, and the
 * {@code /readyz} and {@code /healthz} endpoints of the Kubernetes components over HTTPS,
 * trusting only this control plane's CA (every component serves the certificate it signed).
 */
final class Probe {

    private final HttpClient http;

    Probe(Path caCertificate) {
        this.http = HttpClient.newBuilder()
                .sslContext(trusting(caCertificate))
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    /** Whether {@code url} answers 200 with a body containing {@code expected}. */
    boolean ok(String url, String expected) {
        try {
            var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains(expected);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static SSLContext trusting(Path caCertificate) {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            var context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ControlPlaneException("trust the local CA", e.toString(), e);
        }
    }
}
