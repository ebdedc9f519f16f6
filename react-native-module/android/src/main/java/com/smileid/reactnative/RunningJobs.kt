package com.smileid.reactnative

import com.smileid.ffi.JobTask
import java.util.concurrent.ConcurrentHashMap

/**
 * The jobs in flight, by job id, so JS can cancel one (`cancelJob(jobId)`): promises cannot be
 * cancelled, `JobTask` handles can. A job is known under the id the app passed, or, when the
 * core generated one, from its first progress event.
 */
class RunningJobs {
    private val tasks = ConcurrentHashMap<String, JobTask>()

    fun add(jobId: String, task: JobTask) {
        if (jobId.isNotEmpty()) tasks[jobId] = task
    }

    fun remove(task: JobTask) {
        tasks.values.remove(task)
    }

    /** Cancels the job; false when no job with this id is running. */
    fun cancel(jobId: String): Boolean {
        val task = tasks.remove(jobId) ?: return false
        task.cancel()
        return true
    }

    fun cancelAll() {
        tasks.values.forEach { it.cancel() }
        tasks.clear()
    }
}
