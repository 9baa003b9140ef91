package dev.capstan.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiTest {

    @TempDir
    Path dir;

    @Test
    void the_ca_signs_a_loopback_serving_certificate_and_an_admin_client_certificate() throws Exception {
        Pki pki = Pki.generate(dir);
        X509Certificate ca = certificate(pki.file(Pki.CA_CERT));
        X509Certificate server = certificate(pki.file(Pki.SERVER_CERT));
        X509Certificate admin = certificate(pki.file(Pki.ADMIN_CERT));

        server.verify(ca.getPublicKey());
        admin.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        List<String> names = server.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList();
        assertThat(names).contains("127.0.0.1", "localhost", "kubernetes.default.svc");
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(admin.getSubjectX500Principal().getName()).contains("O=system:masters");
        assertThat(admin.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        for (String key : List.of(Pki.CA_KEY, Pki.SERVER_KEY, Pki.ADMIN_KEY, Pki.SA_KEY)) {
            assertThat(pki.read(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        }
        assertThat(pki.read(Pki.SA_PUB)).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    private static X509Certificate certificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
