package com.billrun.functions.invoice;

import com.billrun.usecases.billrun.TaskCallback;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the state machine waiting on task tokens: keeps every answer the worker gives. */
final class RecordedTasks implements TaskCallback {

    record Answer(String taskToken, Map<String, Object> output, String error) {
        boolean succeeded() {
            return error == null;
        }
    }

    private final List<Answer> answers = new CopyOnWriteArrayList<>();

    @Override
    public boolean success(String taskToken, Map<String, Object> output) {
        answers.add(new Answer(taskToken, output, null));
        return true;
    }

    @Override
    public boolean failure(String taskToken, String error, String cause) {
        answers.add(new Answer(taskToken, null, error + ": " + cause));
        return true;
    }

    @Override
    public boolean heartbeat(String taskToken) {
        return true;
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    Answer last() {
        return answers.getLast();
    }
}
