package dev.faaslab.core;

/**
 * Who owns a workspace's resources as AWS would name them: the account and region every ARN, event and
 * environment variable shows. The one place their formats are written, so a second provider or a
 * workspace with its own account changes one class.
 *
 * @param accountId the 12-digit account id
 * @param region    the region, e.g. {@code us-east-1}
 */
public record Identity(String accountId, String region) {

    /** FaaS Lab's pretend account in one region: every workspace's today (see {@code WorkspaceId#identity()}). */
    public static final Identity SANDBOX = new Identity("000000000000", "us-east-1");

    private static final String ARN = "arn:aws:";

    public Identity {
        if (accountId == null || !accountId.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("the account id '" + accountId + "' must be 12 digits");
        }
        if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-[0-9]")) {
            throw new IllegalArgumentException("the region '" + region + "' must look like us-east-1");
        }
    }

    /** {@code arn:aws:lambda:REGION:ACCOUNT:function:NAME}. */
    public String functionArn(String name) {
        return ARN + "lambda:" + region + ":" + accountId + ":function:" + name;
    }

    /** {@link #functionArn(String)} followed by {@code :QUALIFIER}, or without when {@code qualifier} is null. */
    public String functionArn(String name, String qualifier) {
        return qualifier == null ? functionArn(name) : functionArn(name) + ":" + qualifier;
    }

    /** What an ARN looks like, for messages that refuse something else. */
    public String functionArnExample() {
        return functionArn("NAME");
    }

    /** {@code arn:aws:sqs:REGION:ACCOUNT:NAME}. */
    public String queueArn(String name) {
        return ARN + "sqs:" + region + ":" + accountId + ":" + name;
    }

    /** {@code arn:aws:events:REGION:ACCOUNT:rule/NAME}, an EventBridge rule's (a schedule's) ARN. */
    public String ruleArn(String name) {
        return ARN + "events:" + region + ":" + accountId + ":rule/" + name;
    }

    /** {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL}, a table's stream (its label: when it was turned on). */
    public String tableStreamArn(String table, String label) {
        return ARN + "dynamodb:" + region + ":" + accountId + ":table/" + table + "/stream/" + label;
    }

    /** S3's ARN of a bucket: no region or account in it, as S3's bucket names are global. */
    public static String bucketArn(String name) {
        return ARN + "s3:::" + name;
    }

    /** The principal id S3 events name for the account ({@code AWS:ACCOUNT}). */
    public String principalId() {
        return "AWS:" + accountId;
    }

    /** CloudWatch Logs' group of a function: {@code /aws/lambda/NAME}. */
    public static String logGroupName(String function) {
        return "/aws/lambda/" + function;
    }
}
