package com.billrun.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.billrun.local.aws.EmbeddedAws;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Runs last (junit-platform.properties orders classes by @Order): stopping the stacks leaves no child process. */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoChildProcessLeftTest {

    @Test
    @Order(1)
    void aStackOfItsOwnStartsItsSesChildAndStopsIt() {
        List<Long> before = descendants();
        long sesPid;
        try (EmbeddedAws stack = EmbeddedAws.start()) {
            System.out.printf("second embedded AWS stack started in %d ms%n", stack.startupTime().toMillis());
            sesPid = stack.sesProcessId();
            assertTrue(descendants().contains(sesPid), "the SES stand-in runs as a child of this JVM");
        }
        assertFalse(ProcessHandle.of(sesPid).map(ProcessHandle::isAlive).orElse(false));
        assertEquals(before, descendants());
    }

    @Test
    @Order(2)
    void afterTheSuiteStopsTheSharedStackNoChildProcessOfThisJvmRemains() {
        SharedStack.stop();
        assertEquals(List.of(), descendants(), "child processes left behind");
    }

    private static List<Long> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).sorted().toList();
    }
}
