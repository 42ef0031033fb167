package com.billrun.usecases.billrun;

/** Sends an email (SES in the cloud and locally); the use cases never see the mail service itself. */
public interface Mailer {

    /**
     * @return the service's message id
     * @throws MailException when the email was not accepted
     */
    String send(Email email);

    /** The mail service refused or could not be reached. */
    final class MailException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public MailException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
