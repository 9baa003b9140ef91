package dev.capstan.git;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * A real smart-HTTP Git server in the test's JVM: JGit's {@code GitServlet} in Jetty on
 * 127.0.0.1 with an ephemeral port. Repositories are served as {@code /<name>.git}; those added
 * with a password need HTTP basic authentication. Every request is recorded, so a test can count
 * round trips.
 */
final class GitServer implements AutoCloseable {

    record Request(String method, String uri) {
    }

    private record Account(String username, String password) {
    }

    private final Path root;
    private final Server server;
    private final Map<String, TestRepository> repositories = new ConcurrentHashMap<>();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    GitServer(Path root) throws Exception {
        this.root = root;
        GitServlet git = new GitServlet();
        git.setRepositoryResolver((request, name) -> {
            TestRepository repository = repositories.get(name.endsWith(".git") ? name.substring(0, name.length() - 4) : name);
            if (repository == null) {
                throw new RepositoryNotFoundException(name);
            }
            Repository served = repository.repository();
            served.incrementOpen();
            return served;
        });
        git.setReceivePackFactory((request, repository) -> new ReceivePack(repository));

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

        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
    }

    /** A new, empty public repository. */
    TestRepository add(String name) {
        TestRepository repository = TestRepository.createBare(root.resolve(name + ".git"));
        repositories.put(name, repository);
        return repository;
    }

    /** A new, empty repository that answers only to this user name and password. */
    TestRepository addPrivate(String name, String username, String password) {
        accounts.put(name, new Account(username, password));
        return add(name);
    }

    String url(String name) {
        return "http://127.0.0.1:" + port() + "/" + name + ".git";
    }

    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    void forgetRequests() {
        requests.clear();
    }

    private boolean authorised(HttpServletRequest request) {
        String path = request.getRequestURI().substring(1);
        String name = path.contains(".git") ? path.substring(0, path.indexOf(".git")) : path;
        Account account = accounts.get(name);
        if (account == null) {
            return true;
        }
        String header = request.getHeader("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((account.username() + ":" + account.password()).getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the Git server did not stop", e);
        } finally {
            repositories.values().forEach(TestRepository::close);
        }
    }
}
