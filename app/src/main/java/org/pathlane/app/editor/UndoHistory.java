package org.pathlane.app.editor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Past and future states of an immutable value, bounded so a long session does not grow forever. */
final class UndoHistory<T> {

    private final int limit;
    private final Deque<T> past = new ArrayDeque<>();
    private final Deque<T> future = new ArrayDeque<>();

    UndoHistory(int limit) {
        this.limit = limit;
    }

    /** Records the state an edit is about to replace; a new edit forgets what was undone. */
    void recordBefore(T state) {
        past.push(state);
        if (past.size() > limit) {
            past.removeLast();
        }
        future.clear();
    }

    Optional<T> undo(T current) {
        if (past.isEmpty()) {
            return Optional.empty();
        }
        future.push(current);
        return Optional.of(past.pop());
    }

    Optional<T> redo(T current) {
        if (future.isEmpty()) {
            return Optional.empty();
        }
        past.push(current);
        return Optional.of(future.pop());
    }

    boolean canUndo() {
        return !past.isEmpty();
    }

    boolean canRedo() {
        return !future.isEmpty();
    }

    void clear() {
        past.clear();
        future.clear();
    }
}
