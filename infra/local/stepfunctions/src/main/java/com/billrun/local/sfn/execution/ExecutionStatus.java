package com.billrun.local.sfn.execution;

/** DescribeExecution's status values. */
public enum ExecutionStatus { RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED }
