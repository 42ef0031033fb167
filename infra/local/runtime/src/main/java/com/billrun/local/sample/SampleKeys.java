package com.billrun.local.sample;

/** The sample's only key shape: one item per tenant and invoice. */
final class SampleKeys {

    private SampleKeys() {
    }

    static String invoice(String tenant, String invoiceId) {
        return "TENANT#" + tenant + "#INVOICE#" + invoiceId;
    }
}
