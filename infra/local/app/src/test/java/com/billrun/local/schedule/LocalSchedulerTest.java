package com.billrun.local.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.billrun.local.ServeExtension;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** {@code ./billrun serve} finds the local scheduler on the CLI's classpath (the runtime cannot name it). */
class LocalSchedulerTest {

    @Test
    void serveFindsTheLocalSchedulerAsAServeExtension() {
        assertEquals(1, ServiceLoader.load(ServeExtension.class).stream()
                .filter(provider -> provider.type() == LocalScheduler.class).count());
    }
}
