package dissect

import (
	"github.com/tshark-tui/tshark-tui/field"
)

// PNG images (Wireshark 4.0's file-png.c) as a media type: the signature and each chunk's length,
// type, flags, data (IHDR decoded) and CRC.

var (
	pngChunkNames = map[string]string{"IHDR": "Image Header", "PLTE": "Palette", "IDAT": "Image data chunk",
		"IEND": "Image Trailer", "bKGD": "Background colour", "cHRM": "Primary chromaticities and white point",
		"gAMA": "Image gamma", "iCCP": "Embedded ICC profile", "iTXt": "International textual data",
		"pHYs": "Physical pixel dimensions", "sBIT": "Significant bits", "sRGB": "Standard RGB colour space",
		"tEXt": "Textual data", "tIME": "Image last-modification time", "tRNS": "Transparency",
		"zTXt": "Compressed textual data", "sPLT": "Suggested palette", "hIST": "Image histogram"}

	protoPNG        = Fields.Protocol("png", "Portable Network Graphics")
	hfPNGSignature  = Fields.Add(protoPNG, "png.signature", "PNG Signature", field.Bytes)
	hfPNGChunkData  = Fields.Add(protoPNG, "png.chunk.data", "Data", field.None)
	hfPNGChunkType  = Fields.Add(protoPNG, "png.chunk.type", "Chunk", field.String)
	hfPNGChunkLen   = Fields.Add(protoPNG, "png.chunk.len", "Len", field.Uint32)
	hfPNGChunkCRC   = Fields.Add(protoPNG, "png.chunk.crc", "CRC", field.Uint32, field.WithBase(field.Hex))
	hfPNGAncillary  = Fields.Add(protoPNG, "png.chunk.flag.ancillary", "Ancillary", field.Bool, field.WithBase(32), field.WithMask(0x20000000), field.WithTrueFalse("This is an ANCILLARY chunk", "This is a CRITICAL chunk"))
	hfPNGPrivate    = Fields.Add(protoPNG, "png.chunk.flag.private", "Private", field.Bool, field.WithBase(32), field.WithMask(0x200000), field.WithTrueFalse("This is a PRIVATE chunk", "This is a PUBLIC chunk"))
	hfPNGSafeToCopy = Fields.Add(protoPNG, "png.chunk.flag.stc", "Safe To Copy", field.Bool, field.WithBase(32), field.WithMask(0x20), field.WithTrueFalse("This chunk is SAFE to copy", "This chunk is NOT safe to copy"))
	hfPNGWidth      = Fields.Add(protoPNG, "png.ihdr.width", "Width", field.Uint32)
	hfPNGHeight     = Fields.Add(protoPNG, "png.ihdr.height", "Height", field.Uint32)
	hfPNGBitDepth   = Fields.Add(protoPNG, "png.ihdr.bitdepth", "Bit Depth", field.Uint8)
	hfPNGColourType = Fields.Add(protoPNG, "png.ihdr.colour_type", "Colour Type", field.Uint8, field.WithStrings(map[uint64]string{
		0: "Greyscale", 2: "Truecolour", 3: "Indexed-colour", 4: "Greyscale with alpha", 6: "Truecolour with alpha"}))
	hfPNGCompression = Fields.Add(protoPNG, "png.ihdr.compression_method", "Compression Method", field.Uint8, field.WithStrings(map[uint64]string{0: "Deflate"}))
	hfPNGFilter      = Fields.Add(protoPNG, "png.ihdr.filter_method", "Filter Method", field.Uint8, field.WithStrings(map[uint64]string{0: "Adaptive"}))
	hfPNGInterlace   = Fields.Add(protoPNG, "png.ihdr.interlace_method", "Interlace Method", field.Uint8, field.WithStrings(map[uint64]string{0: "No interlace", 1: "Adam7"}))

	handlePNG = &Handle{Name: "png", Fn: dissectPNG}
)

const pngSignature = "\x89PNG\r\n\x1a\n"

func init() {
	RegisterShortName(protoPNG, "PNG")
	AddMediaType("image/png", handlePNG)
	mediaAccept[handlePNG] = func(t Tvb) bool {
		return t.Len() >= len(pngSignature) && string(t.B[:len(pngSignature)]) == pngSignature
	}
}

func dissectPNG(c *Ctx, t Tvb, parent int32) {
	c.AppendInfo(" (PNG)")
	p := c.AddProto(parent, protoPNG, t, 0, -1)
	c.AddBytes(p, hfPNGSignature, t, 0, 8)
	for o := 8; o < t.Len(); {
		l := int(t.U32(o))
		typ := string(asciiString(t.Bytes(o+4, 4)))
		name, ok := pngChunkNames[typ]
		if !ok {
			name = "unknown"
		}
		ch := c.AddText(p, t, o, min(12+l, t.Len()-o), name+" ("+typ+")")
		c.AddUint(ch, hfPNGChunkLen, t, o, 4)
		c.addASCII(ch, hfPNGChunkType, t, o+4, 4)
		c.AddUint(ch, hfPNGAncillary, t, o+4, 4)
		c.AddUint(ch, hfPNGPrivate, t, o+4, 4)
		c.AddUint(ch, hfPNGSafeToCopy, t, o+4, 4)
		d := o + 8
		switch {
		case typ == "IHDR":
			c.AddUint(ch, hfPNGWidth, t, d, 4)
			c.AddUint(ch, hfPNGHeight, t, d+4, 4)
			c.AddUint(ch, hfPNGBitDepth, t, d+8, 1)
			c.AddUint(ch, hfPNGColourType, t, d+9, 1)
			c.AddUint(ch, hfPNGCompression, t, d+10, 1)
			c.AddUint(ch, hfPNGFilter, t, d+11, 1)
			c.AddUint(ch, hfPNGInterlace, t, d+12, 1)
		case l > 0:
			c.AddProto(ch, hfPNGChunkData, t, d, l)
		}
		if l < 0 || d+l+4 > t.Len() {
			panic(boundsError{})
		}
		c.AddUint(ch, hfPNGChunkCRC, t, d+l, 4)
		o = d + l + 4
	}
}
