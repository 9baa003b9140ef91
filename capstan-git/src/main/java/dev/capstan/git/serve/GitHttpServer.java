package dev.capstan.git.serve;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * A smart-HTTP Git server in this JVM, for {@code capstan demo} and for tests: JGit's Git servlet
 * in Jetty, serving each {@link HostedRepository} as {@code /<name>.git} for clone, fetch and
 * push. A private repository answers only to its user name and password (HTTP basic
 * authentication, for reading and pushing alike); the rest are open to anyone who can reach the
 * port. Every request is recorded, so a test can count round trips, and every ref that moves, by
 * a push or through a {@link HostedRepository}, is told to the {@linkplain #onPush push listeners}.
 *
 * <p>Not a production Git server: passwords sit in memory in plain text, there is no TLS, and it
 * binds to 127.0.0.1 unless told otherwise.
 */
public final class GitHttpServer implements AutoCloseable {

    /** One HTTP request the server received: its method and its URI with the query string. */
    public record Request(String method, String uri) {
    }

    /**
     * A ref of a served repository moved, by a push over HTTP or through a {@link HostedRepository}:
     * {@code ref} is its full name ({@code refs/heads/main}) and the ids are full SHAs, forty
     * zeros for a ref that did not exist before ({@code oldId}) or was deleted ({@code newId}).
     */
    public record Push(String repository, String ref, String oldId, String newId) {
    }

    private static final String LOOPBACK = "127.0.0.1";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path root;
    private final Server server;
    private final Map<String, HostedRepository> repositories = new ConcurrentHashMap<>();
    private final Map<String, byte[]> authorizations = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Consumer<Push>> listeners = new CopyOnWriteArrayList<>();

    private GitHttpServer(Path root, String host, int port) {
        this.root = root;
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(gitContext());
    }

    /** A server on 127.0.0.1 at a free port, keeping its repositories under {@code root}. */
    public static GitHttpServer start(Path root) {
        return start(root, LOOPBACK, 0);
    }

    /** A server on {@code host} and {@code port} (0 for a free one), keeping its repositories under {@code root}. */
    public static GitHttpServer start(Path root, String host, int port) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        GitHttpServer git = new GitHttpServer(root, Objects.requireNonNull(host, "host"), port);
        try {
            git.server.start();
        } catch (IOException e) {
            git.close();
            throw new UncheckedIOException("cannot serve Git on " + host + ":" + port, e);
        } catch (Exception e) {
            git.close();
            throw new IllegalStateException("cannot serve Git on " + host + ":" + port, e);
        }
        return git;
    }

    /** A new, empty repository anyone may read and push to, at {@link #url(String) url(name)}. */
    public HostedRepository create(String name) {
        return add(name, null);
    }

    /** A new, empty repository that answers only to this user name and password. */
    public HostedRepository createPrivate(String name, String username, String password) {
        String credentials = Objects.requireNonNull(username, "username") + ":" + Objects.requireNonNull(password, "password");
        return add(name, ("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8));
    }

    /** The repository served as {@code name}. */
    public HostedRepository repository(String name) {
        HostedRepository repository = repositories.get(name);
        if (repository == null) {
            throw new IllegalArgumentException("no repository named " + name);
        }
        return repository;
    }

    /** The URL to clone {@code name} from: {@code http://127.0.0.1:<port>/<name>.git}. */
    public String url(String name) {
        String host = ((ServerConnector) server.getConnectors()[0]).getHost();
        if (host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
            host = LOOPBACK;
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port() + "/" + name + ".git";
    }

    /** The port the server listens on. */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The requests received since the start or the last {@link #forgetRequests()}, oldest first. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Empties the list of {@link #requests()}. */
    public void forgetRequests() {
        requests.clear();
    }

    /**
     * Calls {@code listener} after each ref that moves in a served repository. It runs on the
     * thread that moved the ref (a server thread for a push) after the move, and should return
     * quickly.
     */
    public void onPush(Consumer<Push> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops serving and closes the repositories; their files stay under the root. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the Git server did not stop", e);
        } finally {
            repositories.values().forEach(HostedRepository::close);
        }
    }

    /** Adds a repository, with its password first, so it is never served without one. */
    private synchronized HostedRepository add(String name, byte[] authorization) {
        if (!NAME.matcher(name).matches() || name.endsWith(".git")) {
            throw new IllegalArgumentException("not a repository name (letters, digits, '.', '_', '-', no .git): " + name);
        }
        if (repositories.containsKey(name)) {
            throw new IllegalStateException("there is a repository named " + name + " already");
        }
        HostedRepository repository = HostedRepository.create(name, root.resolve(name + ".git"), this::announce);
        if (authorization != null) {
            authorizations.put(name, authorization);
        }
        repositories.put(name, repository);
        return repository;
    }

    private ServletContextHandler gitContext() {
        GitServlet git = new GitServlet();
        git.setRepositoryResolver((request, name) -> served(name));
        git.setReceivePackFactory((request, repository) -> receivePack(repositoryName(request), repository));

        ServletContextHandler context = new ServletContextHandler("/");
        context.addFilter(new FilterHolder((Filter) (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            requests.add(new Request(http.getMethod(), http.getRequestURI() + (http.getQueryString() == null ? "" : "?" + http.getQueryString())));
            if (authorised(http)) {
                chain.doFilter(request, response);
            } else {
                HttpServletResponse denied = (HttpServletResponse) response;
                denied.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
                denied.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            }
        }), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(git), "/*");
        return context;
    }

    /** The JGit repository for a name as the servlet gives it ({@code apps.git}), opened once more for the servlet to close. */
    private Repository served(String name) throws RepositoryNotFoundException {
        HostedRepository repository = repositories.get(withoutGitSuffix(name));
        if (repository == null) {
            throw new RepositoryNotFoundException(name);
        }
        Repository served = repository.repository();
        served.incrementOpen();
        return served;
    }

    private ReceivePack receivePack(String name, Repository repository) {
        ReceivePack receive = new ReceivePack(repository);
        receive.setPostReceiveHook((pack, commands) -> {
            for (ReceiveCommand command : commands) {
                announce(new Push(name, command.getRefName(), command.getOldId().name(), command.getNewId().name()));
            }
        });
        return receive;
    }

    private void announce(Push push) {
        listeners.forEach(listener -> listener.accept(push));
    }

    private boolean authorised(HttpServletRequest request) {
        byte[] expected = authorizations.get(repositoryName(request));
        if (expected == null) {
            return true;
        }
        String header = request.getHeader("Authorization");
        return header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The repository a request is for, read from the decoded path as the Git servlet reads it
     * (leading slashes dropped, then up to {@code .git} or the next slash), so a request cannot
     * reach a private repository under a spelling the password check does not know.
     */
    private static String repositoryName(HttpServletRequest request) {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        int end = path.indexOf('/', start);
        return withoutGitSuffix(path.substring(start, end < 0 ? path.length() : end));
    }

    private static String withoutGitSuffix(String name) {
        return name.endsWith(".git") ? name.substring(0, name.length() - ".git".length()) : name;
    }
}
