package com.billrun.local.aws;

import java.util.List;

/** What SES "sent": the local stand-in's store, or LocalStack's SES retrospection endpoint. */
public interface SesMailbox {

    List<SentEmail> sentEmails();
}
