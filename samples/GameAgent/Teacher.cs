using System;

namespace StaticNet.Samples.GameAgent;

/// <summary>
/// The hand-written player the network learns from: it works out where the ball will land (its straight path folded
/// at the walls) and moves the paddle towards that point.
/// </summary>
public static class Teacher
{
    /// <summary>Closer than this (about one frame's movement) and the paddle stays put rather than jitter.</summary>
    private const float DeadZone = 0.02f;

    public static Move Choose(CatchGame game)
    {
        float landing = LandingX(game);
        if (landing > game.PaddleX + DeadZone) return Move.Right;
        if (landing < game.PaddleX - DeadZone) return Move.Left;
        return Move.Stay;
    }

    /// <summary>Where the ball meets the floor: x + vx·t at t = y / −vy, reflected into [0, 1] at each wall it meets.</summary>
    public static float LandingX(CatchGame game)
    {
        float x = game.BallX + game.BallVelocityX * game.BallY / -game.BallVelocityY;
        float folded = x - 2f * MathF.Floor(x / 2f);   // into [0, 2): the path repeats every two widths
        return folded <= 1f ? folded : 2f - folded;
    }
}
