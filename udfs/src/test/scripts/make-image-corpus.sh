#!/usr/bin/env bash
# Regenerates the decoder test corpus in udfs/src/test/resources/images/ (checked in; the tests
# never run this). Needs Debian's imagemagick (6.9), libimage-exiftool-perl and icc-profiles-free.
#
# Reference picture: 64x48, quadrants top-left red, top-right green (#00FF00), bottom-left blue,
# bottom-right white; alpha variants make the bottom-right quadrant 50% (or fully) transparent.
# "mid" pictures use mid-tone colours (200,100,50) (50,150,100) (60,80,200) (128,128,128) so an
# ICC conversion visibly changes them. 16-bit pictures put #123456789ABC bottom-right.
#
# jpeg/cmyk-adobe.jpg (plain CMYK, Adobe APP14 transform 0) is not made here: ImageMagick only
# writes YCCK. It was written once with TwelveMonkeys' JPEGImageWriter from a 64x48 CMYK raster
# (ColorSpaces.CS_GENERIC_CMYK) holding the quadrants as C,M,Y,K = (0,255,255,0) (255,0,255,0)
# (255,255,0,0) (0,0,0,0), quality 0.92; keep it when regenerating.
set -euo pipefail
IM=${IM:-/usr/bin/convert-im6.q16}
ADOBE=/usr/share/color/icc/compatibleWithAdobeRGB1998.icc
out=$(cd "$(dirname "$0")/../resources" && pwd)/images
keep=$(mktemp)
cp "$out"/jpeg/cmyk-adobe.jpg "$keep"
rm -rf "$out" && mkdir -p "$out"/{jpeg,png,webp,tiff,bmp,gif,psd}
mv "$keep" "$out"/jpeg/cmyk-adobe.jpg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

$IM -size 32x24 xc:red xc:lime +append \( -size 32x24 xc:blue xc:white +append \) -append \
  -type TrueColor PNG24:quad.png
$IM -size 32x24 xc:white xc:white +append \( -size 32x24 xc:white xc:gray50 +append \) -append \
  -colorspace Gray PNG8:half.png
$IM quad.png half.png -alpha off -compose CopyOpacity -composite PNG32:rgba.png
$IM -size 32x24 xc:white xc:white +append \( -size 32x24 xc:white xc:black +append \) -append \
  -colorspace Gray PNG8:cut.png
$IM quad.png cut.png -alpha off -compose CopyOpacity -composite PNG32:rgba-cut.png
$IM -size 32x24 'xc:rgb(200,100,50)' 'xc:rgb(50,150,100)' +append \
  \( -size 32x24 'xc:rgb(60,80,200)' 'xc:rgb(128,128,128)' +append \) -append -type TrueColor PNG24:mid.png
$IM -size 32x24 xc:red xc:lime +append \( -size 32x24 xc:blue 'xc:#123456789ABC' +append \) -append \
  -depth 16 PNG48:quad16.png
$IM quad16.png half.png -alpha off -compose CopyOpacity -composite -depth 16 PNG64:rgba16.png
# orientation N: store the picture so that applying N shows it upright
inverse() { case $1 in 1) echo "";; 2) echo "-flop";; 3) echo "-rotate 180";; 4) echo "-flip";;
  5) echo "-transpose";; 6) echo "-rotate -90";; 7) echo "-transverse";; 8) echo "-rotate 90";; esac; }

# JPEG
$IM quad.png -quality 92 "$out"/jpeg/baseline.jpg
$IM quad.png -quality 92 -interlace JPEG "$out"/jpeg/progressive.jpg
# ImageMagick writes CMYK JPEGs as YCCK (Adobe APP14 transform 2)
$IM quad.png -quality 92 -colorspace CMYK "$out"/jpeg/ycck.jpg
$IM quad.png -quality 92 -colorspace Gray "$out"/jpeg/grey.jpg
$IM mid.png -quality 95 -profile "$ADOBE" "$out"/jpeg/adobergb.jpg
for o in 1 2 3 4 5 6 7 8; do
  $IM quad.png $(inverse $o) -quality 92 "$out"/jpeg/orientation-$o.jpg
  exiftool -q -overwrite_original -n -Orientation=$o "$out"/jpeg/orientation-$o.jpg
done

# PNG
cp quad.png "$out"/png/rgb.png
cp rgba.png "$out"/png/rgba.png
$IM quad.png -colorspace Gray -type Grayscale "$out"/png/grey.png
$IM rgba.png -colorspace Gray -type GrayscaleAlpha PNG:"$out"/png/grey-alpha.png
$IM quad.png -type Palette PNG8:"$out"/png/palette.png
$IM rgba-cut.png -type PaletteAlpha PNG8:"$out"/png/palette-trns.png
cp quad16.png "$out"/png/rgb16.png
cp rgba16.png "$out"/png/rgba16.png
$IM -size 32x24 'xc:gray(0)' 'xc:#123412341234' +append \( -size 32x24 'xc:#FFFFFFFFFFFF' 'xc:#800080008000' +append \) \
  -append -colorspace Gray -depth 16 -define png:color-type=0 -define png:bit-depth=16 PNG:"$out"/png/grey16.png
$IM quad.png -colorspace Gray -threshold 50% -type Bilevel -define png:bit-depth=1 -define png:color-type=0 PNG:"$out"/png/grey-1bit.png
$IM quad.png -interlace PNG PNG24:"$out"/png/interlaced.png
$IM mid.png -profile "$ADOBE" PNG24:"$out"/png/adobergb.png
$IM mid.png -depth 16 -profile "$ADOBE" PNG48:"$out"/png/adobergb16.png
$IM -size 32x24 'xc:gray(0)' 'xc:gray(64)' +append \( -size 32x24 'xc:gray(128)' 'xc:gray(255)' +append \) \
  -append -colorspace Gray -type Grayscale -profile /usr/share/color/icc/Gray-CIE_L.icc PNG:"$out"/png/grey-lstar-profile.png
$IM quad.png -transparent blue -define png:color-type=2 -define png:tRNS PNG24:"$out"/png/rgb-trns.png || true
$IM quad.png $(inverse 6) PNG24:"$out"/png/orientation-6.png
exiftool -q -overwrite_original -n -Orientation=6 "$out"/png/orientation-6.png

# WebP
$IM quad.png -quality 90 "$out"/webp/lossy.webp
$IM quad.png -define webp:lossless=true "$out"/webp/lossless.webp
$IM rgba.png -quality 90 "$out"/webp/lossy-alpha.webp
$IM rgba.png -define webp:lossless=true "$out"/webp/lossless-alpha.webp
$IM mid.png -profile "$ADOBE" -define webp:lossless=true "$out"/webp/adobergb.webp
$IM quad.png $(inverse 6) -define webp:lossless=true "$out"/webp/orientation-6.webp
exiftool -q -overwrite_original -n -Orientation=6 "$out"/webp/orientation-6.webp

# TIFF
$IM quad.png -type TrueColor -compress lzw "$out"/tiff/rgb-lzw.tif
$IM quad.png -type TrueColor -compress zip "$out"/tiff/rgb-deflate.tif
$IM rgba.png -compress lzw "$out"/tiff/rgba.tif
$IM quad16.png -depth 16 -compress zip "$out"/tiff/rgb16.tif
$IM rgba16.png -depth 16 -compress zip "$out"/tiff/rgba16.tif
$IM quad.png -colorspace Gray -type Grayscale "$out"/tiff/grey.tif
$IM quad.png -colorspace CMYK -compress lzw "$out"/tiff/cmyk.tif
$IM quad16.png -colorspace CMYK -depth 16 -compress zip "$out"/tiff/cmyk16.tif
$IM quad.png -type Palette "$out"/tiff/palette.tif
$IM mid.png -profile "$ADOBE" -type TrueColor "$out"/tiff/adobergb.tif
$IM quad.png $(inverse 6) -type TrueColor -compress lzw "$out"/tiff/orientation-6.tif
exiftool -q -overwrite_original -n -Orientation=6 "$out"/tiff/orientation-6.tif

# BMP
$IM quad.png -type TrueColor BMP3:"$out"/bmp/rgb24.bmp
$IM rgba.png BMP:"$out"/bmp/rgba32.bmp
$IM quad.png -type Palette BMP3:"$out"/bmp/palette8.bmp
$IM quad.png -type Palette -compress RLE BMP3:"$out"/bmp/rle8.bmp

# GIF
$IM quad.png "$out"/gif/opaque.gif
$IM rgba-cut.png "$out"/gif/transparent.gif
$IM quad.png \( quad.png -negate \) -delay 10 -loop 0 "$out"/gif/animated.gif
$IM -size 32x24 xc:red -repage 64x48+16+12 "$out"/gif/offset-frame.gif

# PSD
$IM quad.png -type TrueColor "$out"/psd/rgb.psd
$IM rgba.png "$out"/psd/rgba.psd
$IM quad.png -colorspace Gray -type Grayscale "$out"/psd/grey.psd
$IM quad16.png -depth 16 "$out"/psd/rgb16.psd
$IM quad.png -colorspace CMYK "$out"/psd/cmyk.psd

ls -l "$out"/*
