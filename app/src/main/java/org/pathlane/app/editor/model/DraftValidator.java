package org.pathlane.app.editor.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.pathlane.scheduler.api.JobType;
import org.pathlane.scheduler.api.ParamSpec;

/**
 * Checks a draft as the user edits it, with the scheduler's rules (rule 12 of the scheduler spec)
 * plus what the app knows about job types: lanes that are empty or share a name, cycles through
 * arrows and lane order together, slides that are not chosen or no longer exist, required
 * parameters left empty and job types this engine does not run.
 */
public final class DraftValidator {

    private final Function<String, JobType> typeLookup;
    private final Predicate<String> slideExists;

    /**
     * @param typeLookup  the palette's type for a name, or null when the engine has no such type
     * @param slideExists whether a slide path is still readable
     */
    public DraftValidator(Function<String, JobType> typeLookup, Predicate<String> slideExists) {
        this.typeLookup = typeLookup;
        this.slideExists = slideExists;
    }

    public List<Problem> validate(WorkflowDraft draft) {
        List<Problem> problems = new ArrayList<>();
        if (draft.lanes().isEmpty()) {
            problems.add(new Problem(Problem.Kind.NO_LANES, "Add a lane, then drag a job from the palette into it.",
                    null, Set.of(), Set.of()));
        }
        checkLanes(draft, problems);
        checkJobs(draft, problems);
        checkCycles(draft, problems);
        return List.copyOf(problems);
    }

    private void checkLanes(WorkflowDraft draft, List<Problem> problems) {
        Map<String, Lane> byName = new HashMap<>();
        for (Lane lane : draft.lanes()) {
            if (lane.name().isBlank()) {
                problems.add(new Problem(Problem.Kind.LANE_NAME, "A lane has no name: double-click its name to give it one.",
                        lane.id(), Set.of(), Set.of()));
            } else {
                Lane twin = byName.putIfAbsent(lane.name().toLowerCase(Locale.ROOT), lane);
                if (twin != null) {
                    problems.add(new Problem(Problem.Kind.LANE_NAME, "Two lanes are named \"" + lane.name()
                            + "\": rename one (the name is the branch the scheduler runs in order).",
                            lane.id(), Set.of(), Set.of()));
                }
            }
            if (lane.jobs().isEmpty()) {
                problems.add(new Problem(Problem.Kind.EMPTY_LANE, "Lane \"" + lane.name()
                        + "\" is empty: drag a job into it or delete the lane.", lane.id(), Set.of(), Set.of()));
            }
        }
    }

    private void checkJobs(WorkflowDraft draft, List<Problem> problems) {
        for (DraftJob job : draft.allJobs()) {
            JobType type = typeLookup.apply(job.type());
            if (type == null) {
                problems.add(new Problem(Problem.Kind.UNKNOWN_TYPE, "Job " + job.id() + " is of type \"" + job.type()
                        + "\", which this PathLane does not run: delete it or install the job type.",
                        null, Set.of(job.id()), Set.of()));
                continue;
            }
            for (ParamSpec p : type.params()) {
                Object value = job.params().get(p.key());
                boolean empty = value == null || value.toString().isBlank();
                if (p.kind() == ParamSpec.Kind.SLIDE && empty && p.required()) {
                    problems.add(new Problem(Problem.Kind.MISSING_SLIDE, "Job " + job.id() + " (" + type.label()
                            + ") has no slide: select it and pick one in the inspector.", null, Set.of(job.id()), Set.of()));
                } else if (p.kind() == ParamSpec.Kind.SLIDE && !empty && !slideExists.test(value.toString())) {
                    problems.add(new Problem(Problem.Kind.MISSING_SLIDE, "Job " + job.id() + ": slide " + value
                            + " is missing or unreadable: pick another slide or restore the file.", null, Set.of(job.id()), Set.of()));
                } else if (p.kind() == ParamSpec.Kind.JOB && !empty) {
                    checkReference(draft, job, p, value.toString(), problems);
                } else if (empty && p.required()) {
                    problems.add(new Problem(Problem.Kind.MISSING_PARAM, "Job " + job.id() + " (" + type.label()
                            + ") needs " + p.label() + ": set it in the inspector.", null, Set.of(job.id()), Set.of()));
                }
            }
        }
    }

    /** A job named in a parameter must exist and come before this job (an arrow, or earlier in its lane). */
    private void checkReference(WorkflowDraft draft, DraftJob job, ParamSpec p, String source, List<Problem> problems) {
        if (draft.job(source).isEmpty()) {
            problems.add(new Problem(Problem.Kind.JOB_REFERENCE, "Job " + job.id() + " names job " + source
                    + ", which is not in this workflow: pick one of its jobs in the inspector.", null, Set.of(job.id()), Set.of()));
        } else if (!p.acceptsJobType(draft.job(source).get().type())) {
            JobType wanted = p.choices().isEmpty() ? null : typeLookup.apply(p.choices().getFirst());
            JobType named = typeLookup.apply(draft.job(source).get().type());
            problems.add(new Problem(Problem.Kind.JOB_REFERENCE, "Job " + job.id() + " names job " + source + " ("
                    + (named == null ? draft.job(source).get().type() : named.label()) + ") as its " + p.label().toLowerCase(Locale.ROOT)
                    + ", which must be a " + (wanted == null ? String.join(" or ", p.choices()) : wanted.label()) + " job: pick one in the inspector.",
                    null, Set.of(job.id()), Set.of()));
        } else if (!waitsFor(draft, job.id(), source)) {
            problems.add(new Problem(Problem.Kind.JOB_REFERENCE, "Job " + job.id() + " reads the results of " + source
                    + " but does not wait for it: draw an arrow from " + source + " to " + job.id() + ".",
                    null, Set.of(job.id(), source), Set.of()));
        }
    }

    /** Whether {@code job} can only start after {@code upstream}, through arrows and lane order. */
    private static boolean waitsFor(WorkflowDraft draft, String job, String upstream) {
        Deque<String> todo = new ArrayDeque<>(List.of(job));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String current = todo.pop();
            if (!seen.add(current)) {
                continue;
            }
            if (!current.equals(job) && current.equals(upstream)) {
                return true;
            }
            draft.dependencies().stream().filter(d -> d.to().equals(current)).forEach(d -> todo.push(d.from()));
            draft.laneOf(current).ifPresent(lane -> {
                int at = lane.jobs().stream().map(DraftJob::id).toList().indexOf(current);
                if (at > 0) {
                    todo.push(lane.jobs().get(at - 1).id());
                }
            });
        }
        return false;
    }

    /** Cycles through the union of arrows and lane order, found as strongly connected components. */
    private void checkCycles(WorkflowDraft draft, List<Problem> problems) {
        Map<String, List<String>> edges = new HashMap<>();
        for (Lane lane : draft.lanes()) {
            for (int i = 0; i < lane.jobs().size(); i++) {
                List<String> out = edges.computeIfAbsent(lane.jobs().get(i).id(), k -> new ArrayList<>());
                if (i + 1 < lane.jobs().size()) {
                    out.add(lane.jobs().get(i + 1).id());
                }
            }
        }
        for (Dependency d : draft.dependencies()) {
            edges.computeIfAbsent(d.from(), k -> new ArrayList<>()).add(d.to());
        }
        for (Set<String> component : new Tarjan(edges).components()) {
            String only = component.iterator().next();
            boolean selfLoop = component.size() == 1 && edges.getOrDefault(only, List.of()).contains(only);
            if (component.size() < 2 && !selfLoop) {
                continue;
            }
            Set<Dependency> arrows = new LinkedHashSet<>();
            for (Dependency d : draft.dependencies()) {
                if (component.contains(d.from()) && component.contains(d.to())) {
                    arrows.add(d);
                }
            }
            problems.add(new Problem(Problem.Kind.CYCLE, "Jobs " + String.join(", ", component.stream().sorted().toList())
                    + " wait for each other in a circle (arrows and lane order): remove a red arrow or move a job.",
                    null, component, arrows));
        }
    }

    /** Tarjan's strongly connected components, iterative so a long lane cannot overflow the stack. */
    private static final class Tarjan {
        private final Map<String, List<String>> edges;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new HashSet<>();
        private final List<Set<String>> result = new ArrayList<>();
        private int counter;

        Tarjan(Map<String, List<String>> edges) {
            this.edges = edges;
        }

        List<Set<String>> components() {
            for (String node : edges.keySet().stream().sorted().toList()) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            return result;
        }

        private void visit(String root) {
            Deque<Object[]> work = new ArrayDeque<>();
            enter(root);
            work.push(new Object[] {root, 0});
            while (!work.isEmpty()) {
                Object[] frame = work.peek();
                String node = (String) frame[0];
                int next = (Integer) frame[1];
                List<String> out = edges.getOrDefault(node, List.of());
                if (next < out.size()) {
                    frame[1] = next + 1;
                    String target = out.get(next);
                    if (!index.containsKey(target)) {
                        enter(target);
                        work.push(new Object[] {target, 0});
                    } else if (onStack.contains(target)) {
                        low.put(node, Math.min(low.get(node), index.get(target)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = (String) work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(node)));
                }
                if (low.get(node).equals(index.get(node))) {
                    Set<String> component = new LinkedHashSet<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    result.add(component);
                }
            }
        }

        private void enter(String node) {
            index.put(node, counter);
            low.put(node, counter);
            counter++;
            stack.push(node);
            onStack.add(node);
        }
    }
}
