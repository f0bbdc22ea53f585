using System.Text;
using Skrouterd.Routing;
using Xunit;

namespace Skrouterd.Tests.Routing;

public sealed class MessageAddressReaderTests
{
    // Encodings produced by proton-python 0.37 (`Message(...).encode()`).

    /// <summary>Message(address='q9', id=0, properties={'seq': 0}, body=b'xxxx'): header, properties with message-id 0 and a null user-id.</summary>
    private const string WithMessageIdNullUserId = "00537045005373c007034440a1027139005374d10000000b00000002a1037365715500005377a00478787878";

    /// <summary>Message(address='amqp:/_topo/0/R1/temp.CWAQPoKsharXeIU', correlation_id='req-1', body='reply:x'): null message-id and user-id.</summary>
    private const string NullMessageIdAndUserId = "00537045005373c033064040a125616d71703a2f5f746f706f2f302f52312f74656d702e43574151506f4b73686172586549554040a1057265712d31005377a1077265706c793a78";

    [Theory]
    [InlineData(WithMessageIdNullUserId, "q9")]
    [InlineData(NullMessageIdAndUserId, "amqp:/_topo/0/R1/temp.CWAQPoKsharXeIU")]
    public void Scan_NullMessageIdOrUserId_FindsTo(string hex, string expected)
    {
        var result = MessageAddressReader.Scan(Convert.FromHexString(hex), out var to);

        Assert.Equal(AddressLookup.Found, result);
        Assert.Equal(expected, Encoding.UTF8.GetString(to));
    }

    [Fact]
    public void Scan_PropertiesWithoutTo_NoAddress()
    {
        // header, properties [message-id "m", null user-id] (no `to`), body amqp-value "x"
        var bytes = Convert.FromHexString("00537045005373c00602a1016d40005377a10178");

        Assert.Equal(AddressLookup.NoAddress, MessageAddressReader.Scan(bytes, out _));
    }
}
