package io.weir.job.cluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The failure drills, run one after the other on one topology. Each continues the same metric
 * stream for a few minutes of event time, breaks something while the job works through it, and then
 * checks every view, from its first step, against the evaluator: every (view, series, step)
 * committed exactly once with the right value, nothing more.
 */
final class Drills {
    /** One drill's outcome, printed as {@code drill <n> <name>: pass|fail (<detail>)}. */
    record Outcome(int number, String name, Status status, String detail) {
        String line() {
            return "drill "
                    + number
                    + " "
                    + name
                    + ": "
                    + status.name().toLowerCase(java.util.Locale.ROOT)
                    + " ("
                    + detail
                    + ")";
        }
    }

    enum Status {
        PASS,
        FAIL,
        SKIPPED
    }

    /** Scrapes (15 s of event time each) per drill: ten minutes. */
    static final int PHASE = 40;

    private final Topology topo;

    Drills(Topology topo) {
        this.topo = topo;
    }

    /** Submits the job at parallelism 1, registers the views, and checks the first phase. */
    ResultLog.Verdict baseline() throws Exception {
        topo.submit(1, null);
        for (String[] v : Workload.VIEWS) {
            topo.register(v, 0);
        }
        topo.awaitRegistered(Duration.ofMinutes(1));
        topo.produceUntil(PHASE);
        return topo.check();
    }

    /** SIGKILL of the TaskManager between two checkpoints, a new TaskManager. */
    Outcome taskManagerKill() throws Exception {
        String job = topo.jobId();
        int start = topo.scrapes();
        topo.produceUntil(start + PHASE / 2);
        long before = awaitNewCheckpoint(job);
        topo.produceUntil(start + PHASE / 2 + 4);
        long killedAt = System.nanoTime();
        long killedAtMillis = System.currentTimeMillis();
        long restoredBefore = topo.rest.restoredCheckpoint(job);
        JavaProcess killed = topo.flink.killTaskManager();
        topo.flink.startTaskManager();
        topo.produceUntil(start + PHASE);
        topo.rest.awaitRestarted(job, killedAtMillis, restoredBefore, Duration.ofMinutes(2));
        long recovered = System.nanoTime();
        long restored = topo.rest.restoredCheckpoint(job);
        ResultLog.Verdict v = topo.check();
        boolean pass = v.pass() && restored >= before;
        return new Outcome(
                1,
                "taskmanager-kill",
                pass ? Status.PASS : Status.FAIL,
                "SIGKILL pid "
                        + killed.pid()
                        + " after checkpoint "
                        + before
                        + ", restored checkpoint "
                        + restored
                        + ", running again in "
                        + seconds(recovered - killedAt)
                        + "; "
                        + v.summary());
    }

    /** Stop with a savepoint, resubmit from it, register one more view. */
    Outcome savepointResubmit() throws Exception {
        int start = topo.scrapes();
        topo.produceUntil(start + PHASE / 2);
        String old = topo.jobId();
        String savepoint =
                topo.rest.stopWithSavepoint(old, topo.flink.savepoints(), Duration.ofMinutes(2));
        String oldState = topo.rest.state(old);
        topo.submit(1, savepoint);
        long restored = topo.rest.restoredCheckpoint(topo.jobId());
        topo.register(Workload.LATE_VIEW, topo.scrapes());
        topo.awaitRegistered(Duration.ofMinutes(1));
        topo.produceUntil(start + PHASE);
        ResultLog.Verdict v = topo.check();
        boolean pass = v.pass() && restored >= 0 && oldState.equals("FINISHED");
        return new Outcome(
                2,
                "savepoint-resubmit",
                pass ? Status.PASS : Status.FAIL,
                "old job "
                        + oldState
                        + ", savepoint "
                        + savepoint.substring(savepoint.lastIndexOf('/') + 1)
                        + ", new job restored checkpoint "
                        + restored
                        + ", view "
                        + Workload.LATE_VIEW[0]
                        + " added; "
                        + v.summary());
    }

    /**
     * The broker process stopped and started again while the job works and a Weir server consumes:
     * both reconnect, the job's results are complete and the server answers as the evaluator.
     */
    Outcome kafkaRestart(ServerRestartDrill servers) throws Exception {
        String job = topo.jobId();
        int start = topo.scrapes();
        long restartedBefore = topo.rest.lastRestart(job);
        WeirServer server = servers.startServer("server-3");
        ServerRestartDrill.Comparison served;
        ResultLog.Verdict v;
        String state;
        long down;
        try {
            topo.produceUntil(start + PHASE / 2);
            long t = System.nanoTime();
            topo.kafka.restart();
            down = System.nanoTime() - t;
            topo.produceUntil(start + PHASE);
            topo.rest.awaitRunning(job, Duration.ofMinutes(2));
            v = topo.check();
            state = topo.rest.state(job);
            served = servers.caughtUp(server);
        } finally {
            server.stop();
        }
        boolean pass = v.pass() && state.equals("RUNNING") && served.pass();
        return new Outcome(
                3,
                "kafka-restart",
                pass ? Status.PASS : Status.FAIL,
                "broker restarted in "
                        + seconds(down)
                        + ", job "
                        + state
                        + (topo.rest.lastRestart(job) > restartedBefore
                                ? " after a restart from its last checkpoint "
                                        + topo.rest.restoredCheckpoint(job)
                                : " without a restart")
                        + "; "
                        + v.summary()
                        + "; server: "
                        + served.summary());
    }

    /** Parallelism 1 to 2 through a savepoint. */
    Outcome rescale() throws Exception {
        int start = topo.scrapes();
        topo.produceUntil(start + PHASE / 2);
        String savepoint =
                topo.rest.stopWithSavepoint(
                        topo.jobId(), topo.flink.savepoints(), Duration.ofMinutes(2));
        topo.submit(2, savepoint);
        int parallelism = topo.rest.maxParallelismOfTasks(topo.jobId());
        topo.produceUntil(start + PHASE);
        ResultLog.Verdict v = topo.check();
        boolean pass = v.pass() && parallelism == 2;
        return new Outcome(
                5,
                "rescale-1-to-2",
                pass ? Status.PASS : Status.FAIL,
                "savepoint "
                        + savepoint.substring(savepoint.lastIndexOf('/') + 1)
                        + ", tasks now at parallelism "
                        + parallelism
                        + "; "
                        + v.summary());
    }

    /** Until a checkpoint completes after now; returns its id. */
    private long awaitNewCheckpoint(String job) throws Exception {
        long seen = topo.rest.latestCheckpoint(job);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            long now = topo.rest.latestCheckpoint(job);
            if (now > seen) {
                return now;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no checkpoint completed in a minute");
    }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
