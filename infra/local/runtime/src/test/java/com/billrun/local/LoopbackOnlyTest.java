package com.billrun.local;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.billrun.local.http.DevTokens;
import com.billrun.local.http.JwtAuthorizer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every local stand-in listens on 127.0.0.1 only: none checks credentials (DynamoDB Local, ElasticMQ, the SES
 * process, the local Step Functions API) or all of them trust a dev key, so a port open on another interface would
 * hand the tables, queues and mails to the network. Each port must accept a connection on 127.0.0.1 and refuse one
 * on every other address of this machine; a machine with no other address skips the test.
 */
class LoopbackOnlyTest {

    @Test
    void everyStandInRefusesConnectionsOnTheMachinesOtherAddresses() throws Exception {
        List<InetAddress> others = nonLoopbackAddresses();
        Assumptions.assumeFalse(others.isEmpty(), "this machine has no address but loopback: nothing to prove");
        try (LocalRuntime runtime = new LocalRuntime(SharedStack.get())) {
            Map<String, URI> endpoints = new LinkedHashMap<>();
            endpoints.put("DynamoDB Local", SharedStack.get().dynamoDbEndpoint());
            endpoints.put("ElasticMQ", SharedStack.get().sqsEndpoint());
            endpoints.put("SES stand-in", SharedStack.get().sesEndpoint());
            endpoints.put("local HTTP API", runtime.startHttpApi(JwtAuthorizer.forDevTokens(DevTokens.ephemeral()), 0).url());
            endpoints.put("local Step Functions API", runtime.startStepFunctions().url());
            List<String> reachable = new ArrayList<>();
            endpoints.forEach((name, endpoint) -> {
                assertEquals("127.0.0.1", endpoint.getHost(), name + " is reached through 127.0.0.1");
                int port = endpoint.getPort();
                assertDoesNotThrow(() -> connect(InetAddress.getLoopbackAddress(), port), name + " listens on 127.0.0.1:" + port);
                for (InetAddress address : others) {
                    try {
                        connect(address, port);
                        reachable.add(name + " on " + address.getHostAddress() + ":" + port);
                    } catch (IOException refused) {
                        // what we want: nothing listens there
                    }
                }
            });
            if (!reachable.isEmpty()) {
                fail("reachable from outside the machine: " + reachable);
            }
        }
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
        }
    }

    /** The machine's own addresses other than loopback (link-local IPv6 left out: it needs a scope to connect). */
    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (!address.isLoopbackAddress() && !(address instanceof Inet6Address && address.isLinkLocalAddress())) {
                    addresses.add(address);
                }
            }
        }
        return addresses;
    }
}
