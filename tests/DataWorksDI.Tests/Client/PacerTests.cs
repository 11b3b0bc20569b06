using System;
using DataWorksDI.Client.Pacing;
using Xunit;

namespace DataWorksDI.Tests.Client
{
    /// <summary>The adaptive token bucket on an injected clock: no wall-clock timing anywhere.</summary>
    public class PacerTests
    {
        private sealed class FakeClock
        {
            public double Now { get; set; } = 1000;

            public double Read() => Now;
        }

        private static (AdaptivePacer Pacer, FakeClock Clock) Create(double rate, bool adaptive = true)
        {
            var clock = new FakeClock();
            var pacer = new AdaptivePacer(clock.Read);
            pacer.Configure(rate, adaptive);
            return (pacer, clock);
        }

        /// <summary>Answers at the configured rate for <paramref name="seconds"/>, taking a token before each, so the measured rate is real.</summary>
        private static void SendSteadily(AdaptivePacer pacer, FakeClock clock, double rate, double seconds, bool throttled = false)
        {
            double end = clock.Now + seconds;
            while (clock.Now < end)
            {
                PacerTicket ticket = pacer.Reserve();
                clock.Now += ticket.Wait.TotalSeconds;
                pacer.OnAnswer(throttled, ticket);
                clock.Now += 1.0 / rate;
            }
        }

        /// <summary>
        /// Timers that fire late and together must not send more than the rate in any second (a per-second limit counts
        /// them): the guard holds the 21st call of a second until the first has left the window (+ the margin).
        /// </summary>
        [Fact]
        public void TheWindowGuard_LetsNoMoreThanTheRateOutInAnySecond_EvenWhenTimersFireTogether()
        {
            var (pacer, clock) = Create(20);
            for (int i = 0; i < 20; i++) Assert.Equal(TimeSpan.Zero, pacer.SendWait());
            TimeSpan wait = pacer.SendWait();
            Assert.Equal(1.0 + AdaptivePacer.WindowMarginSeconds, wait.TotalSeconds, 6);
            clock.Now += wait.TotalSeconds;
            for (int i = 0; i < 20; i++) Assert.Equal(TimeSpan.Zero, pacer.SendWait());
            Assert.True(pacer.SendWait() > TimeSpan.Zero);

            // A call that was not sent after all (refused by the budget) gives its place back.
            clock.Now += 5;
            for (int i = 0; i < 20; i++) pacer.SendWait();
            Assert.True(pacer.SendWait() > TimeSpan.Zero);
            pacer.Unsend();
            Assert.Equal(TimeSpan.Zero, pacer.SendWait());
            Assert.True(pacer.SendWait() > TimeSpan.Zero, "Unsend took back more than one send");

            // A lower rate holds the callers that reserved at the old one: 5 a second now.
            clock.Now += 5;
            pacer.Configure(5, adaptive: true);
            for (int i = 0; i < 5; i++) Assert.Equal(TimeSpan.Zero, pacer.SendWait());
            Assert.Equal(1.0 + AdaptivePacer.WindowMarginSeconds, pacer.SendWait().TotalSeconds, 6);
        }

        [Fact]
        public void StartsAtTheConfiguredRate_WithOneToken_NoBurst()
        {
            var (pacer, _) = Create(5);
            Assert.Equal(TimeSpan.Zero, pacer.Reserve().Wait);
            Assert.Equal(0.2, pacer.Reserve().Wait.TotalSeconds, 6);
            Assert.Equal(0.4, pacer.Reserve().Wait.TotalSeconds, 6);
            Assert.Equal(0.6, pacer.Reserve().Wait.TotalSeconds, 6);
            Assert.Equal(5, pacer.CurrentRate);
        }

        [Fact]
        public void IdleTime_RefillsOneToken_Only()
        {
            var (pacer, clock) = Create(5);
            pacer.Reserve();
            clock.Now += 60;
            Assert.Equal(TimeSpan.Zero, pacer.Reserve().Wait);
            Assert.Equal(0.2, pacer.Reserve().Wait.TotalSeconds, 6);
        }

        [Fact]
        public void Release_GivesBackTheTokenOfACallerThatStoppedWaiting()
        {
            var (pacer, _) = Create(2);
            pacer.Reserve();
            Assert.Equal(0.5, pacer.Reserve().Wait.TotalSeconds, 6);
            pacer.Release();
            Assert.Equal(0.5, pacer.Reserve().Wait.TotalSeconds, 6);
        }

        [Fact]
        public void Throttling_CutsTheRate_ThenItRecovers_ToTheCeiling_WhenThrottlingStops()
        {
            var (pacer, clock) = Create(5);
            SendSteadily(pacer, clock, 5, 3);
            Assert.Equal(5, pacer.CurrentRate);
            Assert.InRange(pacer.MeasuredRate, 4, 6);

            pacer.OnAnswer(true, pacer.Reserve());
            double cut = pacer.CurrentRate.Value;
            Assert.InRange(cut, 0.7 * 4, 0.7 * 5 + 1e-9);

            // Successes from now on: the rate grows back along the cubic curve, never falling, never above the ceiling.
            double previous = cut;
            double recoveredAt = double.NaN;
            double throttledAt = clock.Now;
            for (int i = 0; i < 100; i++)
            {
                PacerTicket ticket = pacer.Reserve();
                clock.Now += Math.Max(ticket.Wait.TotalSeconds, 0.1);
                pacer.OnAnswer(false, ticket);
                double rate = pacer.CurrentRate.Value;
                Assert.True(rate >= previous - 1e-9, $"the rate fell from {previous} to {rate} without throttling");
                Assert.True(rate <= 5 + 1e-9, $"the rate {rate} went past the ceiling");
                previous = rate;
                if (double.IsNaN(recoveredAt) && rate >= 5 - 1e-9) recoveredAt = clock.Now - throttledAt;
            }
            Assert.False(double.IsNaN(recoveredAt), "the rate never recovered");
            // CUBIC reaches the old rate after K = cbrt(Wmax·(1−β)/C) ≈ 1.55 s for Wmax = 5.
            Assert.InRange(recoveredAt, 1.0, 4.0);
        }

        [Fact]
        public void RepeatedThrottling_KeepsCutting_DownToTheFloor()
        {
            var (pacer, clock) = Create(5);
            SendSteadily(pacer, clock, 5, 2);
            double last = pacer.CurrentRate.Value;
            for (int i = 0; i < 30; i++)
            {
                PacerTicket ticket = pacer.Reserve();
                clock.Now += ticket.Wait.TotalSeconds + 0.1;
                pacer.OnAnswer(true, ticket);
                Assert.True(pacer.CurrentRate <= last + 1e-9);
                last = pacer.CurrentRate.Value;
            }
            Assert.Equal(AdaptivePacer.MinFillRate, last, 6);
            Assert.Equal(2.0, ReserveTwice(pacer), 6);
        }

        /// <summary>The spacing between two consecutive reservations: 1 ÷ the rate.</summary>
        private static double ReserveTwice(AdaptivePacer pacer)
        {
            double first = pacer.Reserve().Wait.TotalSeconds;
            return pacer.Reserve().Wait.TotalSeconds - first;
        }

        [Fact]
        public void ABurstOfThrottledAnswers_ToRequestsSentBeforeTheCut_CutsTheRateOnce()
        {
            var (pacer, clock) = Create(5);
            SendSteadily(pacer, clock, 5, 3);
            var inFlight = new[] { pacer.Reserve(), pacer.Reserve(), pacer.Reserve(), pacer.Reserve() };
            foreach (var ticket in inFlight) pacer.OnAnswer(true, ticket);
            Assert.InRange(pacer.CurrentRate.Value, 0.7 * 4, 0.7 * 5 + 1e-9);

            // A request sent after the cut and throttled again is a new event: the rate is cut again.
            double once = pacer.CurrentRate.Value;
            clock.Now += 1;
            pacer.OnAnswer(true, pacer.Reserve());
            Assert.True(pacer.CurrentRate < once);
        }

        [Fact]
        public void WithoutAdaptation_TheRateStays_WhateverTheAnswers()
        {
            var (pacer, clock) = Create(5, adaptive: false);
            SendSteadily(pacer, clock, 5, 2, throttled: true);
            Assert.Equal(5, pacer.CurrentRate);
        }

        [Fact]
        public void WithoutAConfiguredRate_ThePacerIsOff_UntilTheFirstThrottle_LikeAws()
        {
            var (pacer, clock) = Create(0);
            Assert.False(pacer.Enabled);
            Assert.Null(pacer.CurrentRate);
            for (int i = 0; i < 50; i++) Assert.Equal(TimeSpan.Zero, pacer.Reserve().Wait);

            SendSteadily(pacer, clock, 20, 3);
            Assert.False(pacer.Enabled);
            pacer.OnAnswer(true, pacer.Reserve());
            Assert.True(pacer.Enabled);
            Assert.InRange(pacer.CurrentRate.Value, 0.7 * 16, 0.7 * 24);
        }

        [Fact]
        public void NoConfiguredRate_AndNoAdaptation_MeansNoPacing_EvenWhenThrottled()
        {
            var (pacer, clock) = Create(0, adaptive: false);
            SendSteadily(pacer, clock, 20, 1, throttled: true);
            Assert.False(pacer.Enabled);
            Assert.Equal(TimeSpan.Zero, pacer.Reserve().Wait);
        }

        [Fact]
        public void Reconfiguring_ToALowerRate_TakesEffectAtOnce()
        {
            var (pacer, _) = Create(10);
            pacer.Configure(2, adaptive: true);
            pacer.Reserve();
            Assert.Equal(0.5, pacer.Reserve().Wait.TotalSeconds, 6);
        }
    }
}
