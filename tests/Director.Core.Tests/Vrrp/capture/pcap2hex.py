#!/usr/bin/env python3
"""Prints each packet of a classic pcap file (Ethernet link type) as the hex of its IP packet."""
import struct, sys

def packets(path):
    with open(path, 'rb') as f:
        data = f.read()
    magic = struct.unpack('<I', data[:4])[0]
    endian = '<' if magic in (0xa1b2c3d4, 0xa1b23c4d) else '>'
    linktype = struct.unpack(endian + 'I', data[20:24])[0]
    assert linktype == 1, 'expects Ethernet captures'
    offset = 24
    while offset + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack(endian + 'IIII', data[offset:offset + 16])
        frame = data[offset + 16: offset + 16 + incl]
        offset += 16 + incl
        yield sec, frac, frame[14:]  # drop the Ethernet header

for path in sys.argv[1:]:
    print('#', path)
    for sec, frac, ip in packets(path):
        print(f'{sec}.{frac:06d} {ip.hex()}')
