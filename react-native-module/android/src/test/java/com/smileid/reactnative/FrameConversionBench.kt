package com.smileid.reactnative

import com.smileid.ffi.CaptureOptions
import com.smileid.ffi.CaptureSession
import com.smileid.ffi.Guidance
import com.smileid.ffi.TagStore
import java.io.File
import java.nio.file.Files

/**
 * Frames/s of the capture screen's analysis path on the JVM: a Camera2-shaped 1280×720
 * YUV_420_888 image (NV21-like chroma, rotation 90, obama_1's face) through FrameConverter and
 * CaptureSession.processFrame. scripts/bench-bindings runs it and the Rust-only path
 * (bindings/examples/frame_bench.rs) on the same pixels, written as NV21 to FRAME.
 *
 *   java … com.smileid.reactnative.FrameConversionBenchKt FRAME.nv21 [COUNT]
 */
fun main(args: Array<String>) {
    val count = args.getOrNull(1)?.toInt() ?: 300
    val nv21Like = PhotoFrames.Chroma.VU_INTERLEAVED
    val frame = PhotoFrames.yuv(PhotoFrames.obama(), 90, nv21Like, padding = 0)
    // NV21 = the Y plane, then the V view (it holds the interleaved V,U bytes) and the last U.
    File(args[0]).outputStream().use { out ->
        val y = frame.planes[0].buffer.duplicate()
        val v = frame.planes[2].buffer.duplicate()
        val u = frame.planes[1].buffer.duplicate()
        out.write(ByteArray(y.remaining()).also(y::get))
        out.write(ByteArray(v.remaining()).also(v::get))
        out.write(u.get(u.limit() - 1).toInt())
    }
    val warmup = 30

    // The 60 s minimum interval keeps the session analysing every frame without finishing.
    fun measure(): Double {
        val store = TagStore(Files.createTempDirectory("rn-bench").toString())
        val session = CaptureSession(store, options = CaptureOptions(minIntervalMs = 60_000))
        val converter = FrameConverter()
        fun feed(i: Int): Guidance {
            val f = converter.convert(frame.at(i * 33L), 90)
            return session.processFrame(f.info.copy(smileProbability = 0.95f), f.planes)
        }
        repeat(warmup) { feed(it) }
        val start = System.nanoTime()
        for (i in 0 until count) {
            check(feed(warmup + i) is Guidance.Capturing) { "frame $i was not analysed" }
        }
        return count / ((System.nanoTime() - start) / 1e9)
    }
    val fps = maxOf(measure(), measure())
    println("RN_KOTLIN_FPS %.1f frames=%d".format(fps, count))
}
