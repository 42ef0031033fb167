package com.billrun.local.aws;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.eclipse.jetty.server.AbstractNetworkConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DynamoDB Local in HTTP server mode on 127.0.0.1 only, in memory or (with {@code dbPath}) on disk. DynamoDB Local
 * has no option for the address: its Jetty server listens on every interface, and it checks no credentials, so
 * anyone on the network could read and write the tables. Its one connector is bound to the loopback address
 * before it starts.
 */
final class DynamoDbLocalServer implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private DynamoDbLocalServer(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    static DynamoDbLocalServer start(Optional<Path> dbPath) {
        SqliteNatives.locate();
        int port = FreePorts.next();
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-disableTelemetry"));
        dbPath.ifPresentOrElse(
                path -> args.addAll(List.of("-sharedDb", "-dbPath", path.toAbsolutePath().toString())),
                () -> args.add("-inMemory"));
        try {
            if (dbPath.isPresent()) {
                java.nio.file.Files.createDirectories(dbPath.get());
            }
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            bindToLoopback(server);
            server.start();
            return new DynamoDbLocalServer(server, URI.create("http://127.0.0.1:" + port));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start on port " + port, e);
        }
    }

    /** DynamoDBProxyServer builds {@code new Server(port)}, whose connector has no host (every interface). */
    private static void bindToLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        Connector[] connectors = jetty.getConnectors();
        if (connectors.length == 0) {
            throw new IllegalStateException("DynamoDB Local's Jetty server has no connector to bind");
        }
        for (Connector connector : connectors) {
            if (!(connector instanceof AbstractNetworkConnector network)) {
                throw new IllegalStateException("DynamoDB Local's connector " + connector + " cannot be bound to 127.0.0.1");
            }
            network.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        }
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }
}
