using System;
using System.Buffers.Binary;
using System.IO;
using SkiaSharp;

namespace StaticNet.Samples.Tests;

/// <summary>What a test can check of a picture without looking at it: a PNG, its size, and that it is not blank.</summary>
internal static class Png
{
    public static (int Width, int Height) Size(string path)
    {
        byte[] header = new byte[24];
        using (FileStream file = File.OpenRead(path)) file.ReadExactly(header);
        ReadOnlySpan<byte> signature = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        if (!header.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidDataException(path + " is not a PNG");
        // The IHDR chunk comes first: its width and height are big-endian at bytes 16 and 20.
        return (BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20)));
    }

    /// <summary>The share of pixels that are not the colour of the top-left corner (the background).</summary>
    public static double Drawn(string path)
    {
        using SKBitmap bitmap = SKBitmap.Decode(path) ?? throw new InvalidDataException(path + " does not decode");
        SKColor background = bitmap.GetPixel(0, 0);
        long drawn = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                if (bitmap.GetPixel(x, y) != background) drawn++;
            }
        }
        return (double)drawn / ((long)bitmap.Width * bitmap.Height);
    }
}
