/**
 * From a captured frame to a TCP segment: the link layers imapwire knows
 * (Ethernet with 802.1Q / 802.1ad tags, Linux cooked v1 and v2, BSD
 * loopback, raw IP), IPv4 (options skipped; fragments are not reassembled)
 * and IPv6 (extension headers skipped), then the TCP header (RFC 9293 §3.1).
 */

/** Link-layer header types (tcpdump.org linktypes). */
export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/** One TCP segment, with views into the frame for addresses and payload. */
export interface TcpSegment {
  /** 4 or 6. */
  family: number;
  src: Uint8Array;
  dst: Uint8Array;
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  /** TCP flag bits: FIN 1, SYN 2, RST 4, PSH 8, ACK 16. */
  flags: number;
  /** Payload start and end within the frame. */
  start: number;
  end: number;
}

export const FIN = 1;
export const SYN = 2;
export const RST = 4;
export const ACK = 16;

/** Why a frame gave no segment: `skip` for what is simply not TCP/IP (ARP, UDP), otherwise a problem worth a notice. */
export type DecodeResult = TcpSegment | 'skip' | 'fragment' | 'truncated' | 'link';

const ETHER_IPV4 = 0x0800;
const ETHER_IPV6 = 0x86dd;

/** Decode one frame of `linkType`. */
export function decodeFrame(linkType: number, f: Uint8Array): DecodeResult {
  switch (linkType) {
    case LINKTYPE.ETHERNET:
      return ethernet(f);
    case LINKTYPE.LINUX_SLL:
      if (f.length < 16) return 'truncated';
      return byEtherType((f[14] << 8) | f[15], f, 16);
    case LINKTYPE.LINUX_SLL2:
      if (f.length < 20) return 'truncated';
      return byEtherType((f[0] << 8) | f[1], f, 20);
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: {
      if (f.length < 4) return 'truncated';
      // The address family in the byte order of the host that wrote it (LOOP: network order).
      const le = f[0] | (f[1] << 8) | (f[2] << 16) | (f[3] << 24);
      const be = (f[0] << 24) | (f[1] << 16) | (f[2] << 8) | f[3];
      const af = linkType === LINKTYPE.LOOP ? be : (le & 0xffff0000) === 0 ? le : be;
      if (af === 2) return ipv4(f, 4);
      if (af === 10 || af === 24 || af === 28 || af === 30) return ipv6(f, 4);
      return 'skip';
    }
    case LINKTYPE.RAW:
    case 12:
    case 14:
      return rawIp(f, 0);
    case LINKTYPE.IPV4:
      return ipv4(f, 0);
    case LINKTYPE.IPV6:
      return ipv6(f, 0);
    default:
      return 'link';
  }
}

function ethernet(f: Uint8Array): DecodeResult {
  if (f.length < 14) return 'truncated';
  let p = 12;
  let type = (f[p] << 8) | f[p + 1];
  // 802.1Q (0x8100), 802.1ad QinQ (0x88a8) and the old 0x9100: 4 bytes each, stacked.
  while (type === 0x8100 || type === 0x88a8 || type === 0x9100) {
    p += 4;
    if (f.length < p + 2) return 'truncated';
    type = (f[p] << 8) | f[p + 1];
  }
  return byEtherType(type, f, p + 2);
}

function byEtherType(type: number, f: Uint8Array, p: number): DecodeResult {
  if (type === ETHER_IPV4) return ipv4(f, p);
  if (type === ETHER_IPV6) return ipv6(f, p);
  return 'skip';
}

function rawIp(f: Uint8Array, p: number): DecodeResult {
  if (f.length <= p) return 'truncated';
  const v = f[p] >> 4;
  return v === 4 ? ipv4(f, p) : v === 6 ? ipv6(f, p) : 'skip';
}

function ipv4(f: Uint8Array, p: number): DecodeResult {
  if (f.length < p + 20) return 'truncated';
  if (f[p] >> 4 !== 4) return 'skip';
  const ihl = (f[p] & 15) * 4;
  if (ihl < 20 || f.length < p + ihl) return 'truncated';
  const total = (f[p + 2] << 8) | f[p + 3];
  // A total length of 0 is what segmentation offload leaves in captures: take the frame's end.
  const end = total === 0 ? f.length : Math.min(f.length, p + total);
  const fragment = ((f[p + 6] << 8) | f[p + 7]) & 0x3fff; // MF flag and fragment offset
  if (f[p + 9] !== 6) return 'skip';
  if (fragment !== 0) return 'fragment';
  return tcp(f, p + ihl, end, 4, f.subarray(p + 12, p + 16), f.subarray(p + 16, p + 20));
}

function ipv6(f: Uint8Array, p: number): DecodeResult {
  if (f.length < p + 40) return 'truncated';
  if (f[p] >> 4 !== 6) return 'skip';
  const plen = (f[p + 4] << 8) | f[p + 5];
  const end = plen === 0 ? f.length : Math.min(f.length, p + 40 + plen);
  let next = f[p + 6];
  let q = p + 40;
  // Extension headers (RFC 8200 §4): hop-by-hop 0, routing 43, destination options 60,
  // mobility 135, HIP 139, shim6 140: (len + 1) * 8 bytes; AH 51: (len + 2) * 4 bytes.
  for (;;) {
    if (next === 6) break;
    if (next === 0 || next === 43 || next === 60 || next === 135 || next === 139 || next === 140 || next === 51) {
      if (end < q + 2) return 'truncated';
      const len = next === 51 ? (f[q + 1] + 2) * 4 : (f[q + 1] + 1) * 8;
      next = f[q];
      q += len;
      continue;
    }
    if (next === 44) {
      if (end < q + 8) return 'truncated';
      const offMore = (f[q + 2] << 8) | f[q + 3];
      // An atomic fragment (offset 0, no more fragments, RFC 6946) is a whole packet.
      if ((offMore & 0xfff9) !== 0) return 'fragment';
      next = f[q];
      q += 8;
      continue;
    }
    return 'skip';
  }
  return tcp(f, q, end, 6, f.subarray(p + 8, p + 24), f.subarray(p + 24, p + 40));
}

function tcp(f: Uint8Array, p: number, end: number, family: number, src: Uint8Array, dst: Uint8Array): DecodeResult {
  if (end < p + 20) return 'truncated';
  const off = (f[p + 12] >> 4) * 4;
  if (off < 20 || end < p + off) return 'truncated';
  return {
    family,
    src,
    dst,
    srcPort: (f[p] << 8) | f[p + 1],
    dstPort: (f[p + 2] << 8) | f[p + 3],
    seq: ((f[p + 4] << 24) | (f[p + 5] << 16) | (f[p + 6] << 8) | f[p + 7]) >>> 0,
    ack: ((f[p + 8] << 24) | (f[p + 9] << 16) | (f[p + 10] << 8) | f[p + 11]) >>> 0,
    flags: f[p + 13],
    start: p + off,
    end,
  };
}

/** An address as text: dotted IPv4, or IPv6 in the RFC 5952 form (longest zero run as `::`). */
export function formatAddress(a: Uint8Array): string {
  if (a.length === 4) return `${a[0]}.${a[1]}.${a[2]}.${a[3]}`;
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((a[i] << 8) | a[i + 1]);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}
