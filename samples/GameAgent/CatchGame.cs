using System;

namespace StaticNet.Samples.GameAgent;

/// <summary>What the paddle does this frame. The values are the policy network's output classes.</summary>
public enum Move { Left = 0, Stay = 1, Right = 2 }

/// <summary>
/// Catch: a ball falls through a 1 × 1 field, bouncing off the side walls, and a paddle on the floor moves left or
/// right to be under it when it lands. A fixed time step and a seeded random source: the same seed plays the same game.
/// </summary>
public sealed class CatchGame
{
    /// <summary>One frame at 60 frames per second.</summary>
    public const float FrameSeconds = 1f / 60f;

    /// <summary>The ball is caught when it lands within this distance of the paddle's centre.</summary>
    public const float PaddleHalfWidth = 0.08f;

    /// <summary>Field widths per second.</summary>
    public const float PaddleSpeed = 1f;

    /// <summary>The largest horizontal speed of a ball, in field widths per second.</summary>
    public const float MaxBallSpeedX = 0.8f;

    /// <summary>The longest a ball can fall (from height 1 at the slowest speed, 0.6 per second), plus one frame.</summary>
    public const int MaxFramesPerBall = (int)(1f / 0.6f / FrameSeconds) + 2;

    private readonly Random _random;

    public CatchGame(int seed)
    {
        _random = new Random(seed);
        PaddleX = 0.5f;
        NewBall();
    }

    public float BallX { get; private set; }

    public float BallY { get; private set; }

    public float BallVelocityX { get; private set; }

    /// <summary>Negative: the ball falls.</summary>
    public float BallVelocityY { get; private set; }

    public float PaddleX { get; private set; }

    /// <summary>Advances one frame: +1 when the ball landed on the paddle, −1 when it landed beside it, else 0.</summary>
    public int Step(Move move)
    {
        PaddleX = Math.Clamp(PaddleX + ((int)move - 1) * PaddleSpeed * FrameSeconds, 0f, 1f);
        BallX += BallVelocityX * FrameSeconds;
        if (BallX < 0f || BallX > 1f)
        {
            BallX = BallX < 0f ? -BallX : 2f - BallX;
            BallVelocityX = -BallVelocityX;
        }
        BallY += BallVelocityY * FrameSeconds;
        if (BallY > 0f) return 0;

        int outcome = Math.Abs(BallX - PaddleX) <= PaddleHalfWidth ? 1 : -1;
        NewBall();
        return outcome;
    }

    /// <summary>What the policy sees, each value centred on 0 and within about ±1.</summary>
    public void Observe(Span<float> state)
    {
        state[0] = 2f * BallX - 1f;
        state[1] = 2f * BallY - 1f;
        state[2] = BallVelocityX / MaxBallSpeedX;
        state[3] = BallVelocityY;
        state[4] = 2f * PaddleX - 1f;
        state[5] = BallX - PaddleX;
    }

    /// <summary>The number of values <see cref="Observe"/> writes.</summary>
    public const int StateSize = 6;

    private void NewBall()
    {
        BallX = (float)_random.NextDouble();
        BallY = 1f;
        BallVelocityX = MaxBallSpeedX * (2f * (float)_random.NextDouble() - 1f);
        BallVelocityY = -0.6f - 0.3f * (float)_random.NextDouble();
    }
}
