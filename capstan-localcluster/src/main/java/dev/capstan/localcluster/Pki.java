package dev.capstan.localcluster;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates of one local control plane: a CA, the API server's serving certificate for
 * the loopback addresses and in-cluster names, an admin client certificate in
 * {@code system:masters}, and the service-account signing key. EC P-256 keys, quick to make,
 * except the admin client key, which is RSA so that every Java client reads it.
 */
record Pki(Path dir) {

    static final String CA_CERT = "ca.crt";
    static final String CA_KEY = "ca.key";
    static final String SERVER_CERT = "apiserver.crt";
    static final String SERVER_KEY = "apiserver.key";
    static final String ADMIN_CERT = "admin.crt";
    static final String ADMIN_KEY = "admin.key";
    static final String SA_KEY = "sa.key";
    static final String SA_PUB = "sa.pub";

    private static final Duration VALIDITY = Duration.ofDays(365);

    static Pki generate(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair ca = newKeyPair();
            X500Name caName = new X500Name("CN=capstan-local-ca");
            X509Certificate caCert = sign(caName, ca, caName, ca, builder -> {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            });

            KeyPair server = newKeyPair();
            X509Certificate serverCert = sign(new X500Name("CN=kube-apiserver"), server, caName, ca, builder -> {
                leaf(builder, KeyPurposeId.id_kp_serverAuth);
                var names = List.of(
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "10.96.0.1"),
                        new GeneralName(GeneralName.dNSName, "kubernetes"),
                        new GeneralName(GeneralName.dNSName, "kubernetes.default"),
                        new GeneralName(GeneralName.dNSName, "kubernetes.default.svc"),
                        new GeneralName(GeneralName.dNSName, "kubernetes.default.svc.cluster.local"));
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            });

            KeyPair admin = newRsaKeyPair(); // Java clients read an RSA client key without guessing its algorithm
            X509Certificate adminCert = sign(new X500Name("O=system:masters,CN=capstan-admin"), admin, caName, ca,
                    builder -> leaf(builder, KeyPurposeId.id_kp_clientAuth));

            KeyPair serviceAccounts = newKeyPair();

            writePem(dir.resolve(CA_CERT), caCert);
            writePem(dir.resolve(CA_KEY), ca.getPrivate());
            writePem(dir.resolve(SERVER_CERT), serverCert);
            writePem(dir.resolve(SERVER_KEY), server.getPrivate());
            writePem(dir.resolve(ADMIN_CERT), adminCert);
            writePem(dir.resolve(ADMIN_KEY), admin.getPrivate());
            writePem(dir.resolve(SA_KEY), serviceAccounts.getPrivate());
            writePem(dir.resolve(SA_PUB), serviceAccounts.getPublic());
            return new Pki(dir);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new ControlPlaneException("generate certificates", e.toString(), e);
        }
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    String read(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws IOException, GeneralSecurityException;
    }

    private static void leaf(X509v3CertificateBuilder builder, KeyPurposeId purpose) throws IOException {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                        Extensions extensions)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, subjectKeys.getPublic());
        var utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
        extensions.add(builder);
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static KeyPair newRsaKeyPair() throws GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static void writePem(Path file, Object object) throws IOException {
        var text = new StringWriter();
        try (var pem = new JcaPEMWriter(text)) {
            if (object instanceof java.security.PrivateKey key) {
                pem.writeObject(new JcaPKCS8Generator(key, null)); // PKCS#8: read by Go and by fabric8
            } else {
                pem.writeObject(object);
            }
        }
        Files.writeString(file, text.toString());
    }
}
