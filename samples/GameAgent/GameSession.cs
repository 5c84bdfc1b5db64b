using System;
using System.Diagnostics;

namespace StaticNet.Samples.GameAgent;

/// <summary>
/// What one round of play scored and cost. Times are per frame, in µs: the median frame's (the network's own cost on a
/// machine that also runs other things) and the slowest frame's network time (a thread switch or a JIT tier-up lands there);
/// the collection and byte counts are of the whole round's frames.
/// </summary>
public readonly record struct RoundResult(
    int Balls, int Caught, int Frames, double InferenceMicroseconds, double TrainingMicroseconds, double SlowestFrameMicroseconds,
    int Collections, long AllocatedBytes, float MeanLoss)
{
    /// <summary>The share of a 60 fps frame (16.7 ms) the median frame's inference and training take, in per cent.</summary>
    public double BudgetPercent => (InferenceMicroseconds + TrainingMicroseconds) / (1e6 * CatchGame.FrameSeconds) * 100.0;
}

/// <summary>
/// The game loop: each frame the agent observes, acts (one Classify), the game steps, and the agent remembers the
/// teacher's move for the state it was in and takes a few TrainSteps. A round is measured around its frames only:
/// time per phase with <see cref="Stopwatch.GetTimestamp"/>, garbage collections with <see cref="GC.CollectionCount"/>
/// and bytes with <see cref="GC.GetAllocatedBytesForCurrentThread"/>.
/// </summary>
public sealed class GameSession
{
    /// <summary>SGD steps per frame: about 90 frames per ball, so a few hundred steps per ball.</summary>
    public const int StepsPerFrame = 4;

    public const float LearningRate = 0.05f;

    private readonly CatchGame _game;
    private readonly PaddleAgent _agent;
    private readonly float[] _state = new float[CatchGame.StateSize];
    private readonly long[] _inferenceTicks, _trainingTicks, _frameTicks;

    /// <param name="seed">Seeds the game, the network's initialisation and the replay draws.</param>
    /// <param name="maxBallsPerRound">Sizes the per-frame timing buffers, allocated here so a round allocates nothing.</param>
    public GameSession(int seed, int maxBallsPerRound = 100)
    {
        _game = new CatchGame(seed);
        _agent = new PaddleAgent(seed);
        int maxFrames = maxBallsPerRound * CatchGame.MaxFramesPerBall;
        _inferenceTicks = new long[maxFrames];
        _trainingTicks = new long[maxFrames];
        _frameTicks = new long[maxFrames];
    }

    public PaddleAgent Agent => _agent;

    /// <summary>Plays until <paramref name="balls"/> balls have landed; the agent learns between frames when <paramref name="learn"/> is set.</summary>
    public RoundResult PlayRound(int balls, bool learn = true)
    {
        if (balls < 1 || balls * CatchGame.MaxFramesPerBall > _frameTicks.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(balls), balls, $"Must be between 1 and {_frameTicks.Length / CatchGame.MaxFramesPerBall} (the session's maxBallsPerRound).");
        }
        int landed = 0, caught = 0, frames = 0;
        float loss = 0f;
        int collections = GC.CollectionCount(0);   // a gen-1 or gen-2 collection counts here too
        long allocated = GC.GetAllocatedBytesForCurrentThread();

        while (landed < balls)
        {
            _game.Observe(_state);
            long start = Stopwatch.GetTimestamp();
            Move move = _agent.Act(_state);
            long acted = Stopwatch.GetTimestamp();

            Move teacher = Teacher.Choose(_game);   // the move the teacher would make here, before the game moves on
            int outcome = _game.Step(move);
            if (outcome != 0)
            {
                landed++;
                if (outcome > 0) caught++;
            }

            long learnStart = Stopwatch.GetTimestamp();
            if (learn)
            {
                _agent.Remember(_state, teacher);
                loss += _agent.Learn(StepsPerFrame, LearningRate);
            }
            long learned = Stopwatch.GetTimestamp();
            _inferenceTicks[frames] = acted - start;
            _trainingTicks[frames] = learned - learnStart;
            _frameTicks[frames] = acted - start + learned - learnStart;
            frames++;
        }

        long bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        int gcs = GC.CollectionCount(0) - collections;
        return new RoundResult(balls, caught, frames, Median(_inferenceTicks, frames), learn ? Median(_trainingTicks, frames) : 0.0,
            Max(_frameTicks, frames), gcs, bytes, learn ? loss / frames : float.NaN);
    }

    private static double Median(long[] ticks, int count)
    {
        Span<long> frames = ticks.AsSpan(0, count);
        frames.Sort();
        return Microseconds(frames[count / 2]);
    }

    private static double Max(long[] ticks, int count)
    {
        long max = 0;
        foreach (long t in ticks.AsSpan(0, count)) max = Math.Max(max, t);
        return Microseconds(max);
    }

    private static double Microseconds(long ticks) => ticks * 1e6 / Stopwatch.Frequency;

    /// <summary>The teacher's own score on <paramref name="balls"/> balls of a game seeded with <paramref name="seed"/>: what the agent aims at.</summary>
    public static int TeacherScore(int seed, int balls)
    {
        var game = new CatchGame(seed);
        int landed = 0, caught = 0;
        while (landed < balls)
        {
            int outcome = game.Step(Teacher.Choose(game));
            if (outcome != 0) landed++;
            if (outcome > 0) caught++;
        }
        return caught;
    }
}
