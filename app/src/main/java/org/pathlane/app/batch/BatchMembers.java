package org.pathlane.app.batch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.pathlane.app.dashboard.WorkflowRow;

/**
 * Every workflow of the batches a dashboard shows, not only those on its listed page: read in one query when
 * the page is read, then kept up to date row by row as events name them, so a batch card counts all its
 * slides however many pages they span. Used on one thread (the FX thread).
 */
public final class BatchMembers {

    /** Batch key (owner and tag id) to its workflows by id. */
    private final Map<String, Map<String, WorkflowRow>> byBatch = new LinkedHashMap<>();

    /** The batch a workflow belongs to, as owner and tag id (two users' batches never mix), if it is in one. */
    public static Optional<String> key(WorkflowRow w) {
        return BatchTag.of(w.name()).map(t -> w.user() + "/" + t.id());
    }

    /** What every workflow name of batch {@code id} contains, for the store to find them all with. */
    public static String nameFragment(String batchId) {
        return " · batch " + batchId + " ";
    }

    /** The distinct batch keys among {@code rows}, in order of first appearance. */
    public static Set<String> keys(Collection<WorkflowRow> rows) {
        Set<String> keys = new LinkedHashSet<>();
        rows.forEach(w -> key(w).ifPresent(keys::add));
        return keys;
    }

    /** The name fragments of the batches among {@code keys}. */
    public static List<String> nameFragments(Collection<String> keys) {
        return keys.stream().map(k -> nameFragment(k.substring(k.lastIndexOf('/') + 1))).distinct().toList();
    }

    public boolean knows(String key) {
        return byBatch.containsKey(key);
    }

    /** Starts over with these members (of the batches on a page just read). */
    public void replace(Collection<WorkflowRow> members) {
        byBatch.clear();
        members.forEach(this::put);
    }

    /** Adds the members of batches just read; a batch's known members are replaced by what was read. */
    public void putAll(Collection<String> keys, Collection<WorkflowRow> members) {
        keys.forEach(k -> byBatch.put(k, new LinkedHashMap<>()));
        members.forEach(this::put);
    }

    /** Starts keeping a batch that has just appeared, with its first member. */
    public void start(WorkflowRow first) {
        put(first);
    }

    private void put(WorkflowRow w) {
        key(w).ifPresent(k -> byBatch.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(w.id(), w));
    }

    /** Puts a member of a known batch in place of its older row. @return whether anything changed */
    public boolean update(WorkflowRow w) {
        Map<String, WorkflowRow> members = key(w).map(byBatch::get).orElse(null);
        if (members == null) {
            return false;
        }
        return !w.equals(members.put(w.id(), w));
    }

    /** Applies {@code patch} to every member (a progress report). @return whether any changed */
    public boolean patch(UnaryOperator<WorkflowRow> patch) {
        boolean changed = false;
        for (Map<String, WorkflowRow> members : byBatch.values()) {
            for (Map.Entry<String, WorkflowRow> e : members.entrySet()) {
                WorkflowRow patched = patch.apply(e.getValue());
                if (patched != e.getValue()) {
                    e.setValue(patched);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** The cards of the batches with a workflow on {@code page}, in the order they first appear there. */
    public List<BatchRow> rows(List<WorkflowRow> page) {
        List<BatchRow> rows = new ArrayList<>();
        for (String key : keys(page)) {
            Map<String, WorkflowRow> members = byBatch.get(key);
            List<WorkflowRow> all = members == null || members.isEmpty()
                    ? page.stream().filter(w -> key(w).filter(key::equals).isPresent()).toList()
                    : List.copyOf(members.values());
            rows.addAll(BatchRow.of(all));
        }
        return rows;
    }
}
