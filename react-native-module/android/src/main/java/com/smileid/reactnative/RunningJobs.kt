package com.smileid.reactnative

import java.util.concurrent.ConcurrentHashMap

/**
 * The work in flight by job id, so JS can stop it (`cancelJob(jobId)`): promises cannot be
 * cancelled, the bindings' task handles (`JobTask`, `StatusTask`) can. A job is known under the
 * id the app passed, or, when the core generated one, from its first progress event; a
 * `jobStatus` under the id it asks about.
 */
class RunningJobs {
    /** A task handle and how to cancel it (the handle types share no interface). */
    private class Running(val task: Any, val cancel: () -> Unit)

    private val running = ConcurrentHashMap<String, Running>()

    fun add(jobId: String, task: Any, cancel: () -> Unit) {
        if (jobId.isNotEmpty()) running[jobId] = Running(task, cancel)
    }

    fun remove(task: Any) {
        running.values.removeIf { it.task === task }
    }

    /** Cancels the work; false when nothing with this id is running. */
    fun cancel(jobId: String): Boolean {
        val entry = running.remove(jobId) ?: return false
        entry.cancel()
        return true
    }

    fun cancelAll() {
        running.values.forEach { it.cancel() }
        running.clear()
    }
}
