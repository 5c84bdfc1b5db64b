using System;
using System.IO;

namespace StaticNet.Tests.Serialization;

/// <summary>
/// A read-only, non-seekable stream over bytes that hands out at most a few bytes per Read (1, 2, … 7, cycling):
/// what a socket or a pipe does, and what a reader must cope with.
/// </summary>
internal sealed class TrickleStream : Stream
{
    private readonly byte[] _bytes;
    private int _position, _calls;

    public TrickleStream(byte[] bytes) => _bytes = bytes;

    /// <summary>How far the reader read: a reader must stop at the end of its file.</summary>
    public int BytesRead => _position;

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(Math.Min(count, 1 + _calls++ % 7), _bytes.Length - _position);
        Array.Copy(_bytes, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A write-only, non-seekable stream that keeps what it is given, and can fail once it holds a given number of bytes.</summary>
internal sealed class SinkStream : Stream
{
    private readonly MemoryStream _written = new();
    private readonly long _failAfter;

    public SinkStream(long failAfter = long.MaxValue) => _failAfter = failAfter;

    public byte[] Written => _written.ToArray();

    public bool Disposed { get; private set; }

    public override void Write(byte[] buffer, int offset, int count)
    {
        int allowed = (int)Math.Min(count, _failAfter - _written.Length);
        _written.Write(buffer, offset, allowed);
        if (allowed < count) throw new IOException($"The device is full after {_written.Length} bytes.");
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
