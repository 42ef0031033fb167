package com.billrun.local;

import com.billrun.local.aws.AwsTarget;
import com.billrun.local.contract.DynamoDbContract;
import com.billrun.local.contract.SesContract;
import com.billrun.local.contract.SqsTriggerContract;
import org.junit.jupiter.api.Nested;

/** The integration suites against the embedded stand-ins (DynamoDB Local, ElasticMQ, aws-ses-v2-local). */
class EmbeddedStackTest {

    @Nested
    class DynamoDb extends DynamoDbContract {
        @Override
        protected AwsTarget target() {
            return SharedStack.get();
        }
    }

    @Nested
    class SqsTrigger extends SqsTriggerContract {
        @Override
        protected AwsTarget target() {
            return SharedStack.get();
        }
    }

    @Nested
    class Ses extends SesContract {
        @Override
        protected AwsTarget target() {
            return SharedStack.get();
        }
    }
}
