package org.pathlane.scheduler.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.pathlane.scheduler.api.JobSpec;
import org.pathlane.scheduler.api.WorkflowSpec;
import org.pathlane.scheduler.jobs.SleepJob;
import org.pathlane.scheduler.model.Limits;
import org.pathlane.scheduler.validation.WorkflowRejectedException;
import org.pathlane.scheduler.validation.WorkflowValidator;

/** Seeded random scenarios: users, branches, dependencies, failures, cancels and late submits; short durations. */
final class RandomScenarios {

    private static final WorkflowValidator VALIDATOR = new WorkflowValidator(Map.of(SleepJob.TYPE, new SleepJob()));

    private RandomScenarios() {
    }

    private static boolean acyclic(List<JobSpec> jobs) {
        try {
            VALIDATOR.validate(new WorkflowSpec("candidate", jobs));
            return true;
        } catch (WorkflowRejectedException e) {
            return false;
        }
    }

    static Scenario generate(long seed) {
        Random random = new Random(seed);
        Limits limits = new Limits(1 + random.nextInt(4), 1 + random.nextInt(3));
        int users = 1 + random.nextInt(5);
        int workflowCount = 1 + random.nextInt(7);
        List<Scenario.Submission> workflows = new ArrayList<>();
        List<String> jobIds = new ArrayList<>();
        for (int w = 0; w < workflowCount; w++) {
            int jobCount = 1 + random.nextInt(6);
            List<JobSpec> jobs = new ArrayList<>();
            for (int j = 0; j < jobCount; j++) {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("durationMs", (long) random.nextInt(12));
                params.put("fail", random.nextInt(10) == 0);
                jobs.add(new JobSpec("w" + w + "j" + j, "B" + random.nextInt(3), SleepJob.TYPE, params, List.of()));
            }
            for (int j = 0; j < jobCount; j++) {
                // Dependencies on any other job, also later ones in other branches, as long as no cycle forms.
                for (int d = 0; d < jobCount; d++) {
                    if (d != j && random.nextInt(5) == 0) {
                        List<JobSpec> tried = new ArrayList<>(jobs);
                        JobSpec job = jobs.get(j);
                        List<String> deps = new ArrayList<>(job.dependsOn());
                        deps.add(jobs.get(d).id());
                        tried.set(j, new JobSpec(job.id(), job.branch(), job.type(), job.params(), deps));
                        if (acyclic(tried)) {
                            jobs = tried;
                        }
                    }
                }
            }
            jobs.forEach(j -> jobIds.add(j.id()));
            long submitAt = random.nextInt(3) == 0 ? random.nextInt(40) : 0;
            workflows.add(new Scenario.Submission("w" + w, "u" + random.nextInt(users), submitAt,
                    new WorkflowSpec("w" + w, jobs)));
        }
        List<Scenario.Cancel> cancels = new ArrayList<>();
        int cancelCount = random.nextInt(3);
        for (int c = 0; c < cancelCount; c++) {
            long at = random.nextInt(50);
            if (random.nextBoolean()) {
                cancels.add(new Scenario.Cancel(at, jobIds.get(random.nextInt(jobIds.size())), null));
            } else {
                cancels.add(new Scenario.Cancel(at, null, "w" + random.nextInt(workflowCount)));
            }
        }
        return new Scenario(limits, workflows, cancels);
    }
}
