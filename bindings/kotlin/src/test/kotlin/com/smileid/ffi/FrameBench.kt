package com.smileid.ffi

import org.junit.jupiter.api.Test
import org.junit.jupiter.api.condition.EnabledIfSystemProperty
import java.io.File

/**
 * Frames/s of CaptureSession fed from Kotlin (scripts/bench-bindings runs it with
 * -Dsmileid.bench=true; the Rust side is bindings/examples/frame_bench.rs on the same frames).
 * Every frame is fully analysed (conversion, face detection, checks): the 60 s minimum interval
 * between captures keeps the session from finishing.
 */
@EnabledIfSystemProperty(named = "smileid.bench", matches = "true")
class FrameBench {
    private val warmup = 30
    private val frames = Integer.getInteger("smileid.bench.count", 300)

    private fun session() =
        CaptureSession(tempStore(), options = CaptureOptions(minIntervalMs = 60_000))

    private fun measure(feed: (CaptureSession, Long) -> Guidance): Double {
        val session = session()
        for (i in 0 until warmup) feed(session, i * 33L)
        val start = System.nanoTime()
        for (i in 0 until frames) {
            val g = feed(session, (warmup + i) * 33L)
            check(g is Guidance.Capturing) { "frame $i: $g" }
        }
        return frames / ((System.nanoTime() - start) / 1e9)
    }

    @Test
    fun `frames per second from Kotlin`() {
        val nv21 = TestFrames.nv21Portrait()
        File(System.getProperty("smileid.bench.frames")).writeBytes(nv21)
        val (y, vu) = TestFrames.directPlanes(nv21)
        // Interleave the two paths so both see the same machine state.
        var direct = 0.0
        var copy = 0.0
        repeat(2) {
            direct =
                maxOf(
                    direct,
                    measure { s, ts ->
                        s.processBuffers(TestFrames.info(ts), y, vu, TestFrames.EMPTY)
                    },
                )
            copy =
                maxOf(
                    copy,
                    measure { s, ts ->
                        s.processFrame(
                            TestFrames.info(ts, planes = TestFrames.ONE_PLANE),
                            listOf(nv21),
                        )
                    },
                )
        }
        println("KOTLIN_FPS direct=%.1f bytearray=%.1f frames=%d".format(direct, copy, frames))
    }
}
