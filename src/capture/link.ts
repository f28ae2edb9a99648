/**
 * From a captured frame to a TCP segment: the link layers imapwire knows
 * (Ethernet with 802.1Q / 802.1ad tags, Linux cooked v1 and v2, BSD
 * loopback, raw IP), IPv4 (options skipped) and IPv6 (extension headers
 * skipped), then the TCP header (RFC 9293 §3.1). A fragment of a TCP
 * datagram is said to be one (`FRAGMENT`, with where its IP header lies),
 * for ip-fragments.ts to put together.
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

/**
 * One TCP segment, as offsets into the frame's bytes and numbers: one
 * object is filled again for every frame, so decoding allocates nothing.
 * Addresses are four 32-bit words each (IPv4: the address in the last
 * word, the others 0), plus where their bytes sit for formatting; words,
 * `seq` and `ack` are signed 32-bit integers (compare them modulo 2^32).
 */
export class TcpSegment {
  /** 4 or 6. */
  family = 4;
  s0 = 0;
  s1 = 0;
  s2 = 0;
  s3 = 0;
  d0 = 0;
  d1 = 0;
  d2 = 0;
  d3 = 0;
  /** Where the source and destination addresses start in the bytes (4 or 16 long, by family). */
  srcAt = 0;
  dstAt = 0;
  srcPort = 0;
  dstPort = 0;
  seq = 0;
  ack = 0;
  /** TCP flag bits: FIN 1, SYN 2, RST 4, PSH 8, ACK 16. */
  flags = 0;
  /** Payload start and end within the bytes. */
  start = 0;
  end = 0;
  /** For a `FRAGMENT`: where its IP header starts and where the datagram's bytes end (by its length field). */
  ipAt = 0;
  ipEnd = 0;
  /** For an IPv6 `FRAGMENT`: where its Fragment header starts (RFC 8200 §4.5); -1 for IPv4. */
  fragAt = -1;
}

export const FIN = 1;
export const SYN = 2;
export const RST = 4;
export const ACK = 16;

/** What {@link decodeFrame} made of a frame: a TCP segment, `SKIP` for what is simply not TCP/IP (ARP, UDP), otherwise a problem worth a notice. */
export const DECODED = { TCP: 0, SKIP: 1, FRAGMENT: 2, TRUNCATED: 3, LINK: 4 } as const;
const TCP = 0;
const SKIP = 1;
const FRAGMENT = 2;
const TRUNCATED = 3;
const LINK = 4;

const ETHER_IPV4 = 0x0800;
const ETHER_IPV6 = 0x86dd;

/** Decode the frame `f[p, e)` of `linkType` into `seg`; a {@link DECODED} code. */
export function decodeFrame(linkType: number, f: Uint8Array, p: number, e: number, seg: TcpSegment): number {
  if (linkType !== LINKTYPE.ETHERNET) return otherLink(linkType, f, p, e, seg);
  if (e - p < 14) return TRUNCATED;
  let q = p + 12;
  let type = (f[q] << 8) | f[q + 1];
  // 802.1Q (0x8100), 802.1ad QinQ (0x88a8) and the old 0x9100: 4 bytes each, stacked.
  while (type === 0x8100 || type === 0x88a8 || type === 0x9100) {
    q += 4;
    if (e < q + 2) return TRUNCATED;
    type = (f[q] << 8) | f[q + 1];
  }
  if (type === ETHER_IPV4) return ipv4(f, q + 2, e, seg);
  return type === ETHER_IPV6 ? ipv6(f, q + 2, e, seg) : SKIP;
}

/** The link types other than Ethernet. */
function otherLink(linkType: number, f: Uint8Array, p: number, e: number, seg: TcpSegment): number {
  switch (linkType) {
    case LINKTYPE.LINUX_SLL:
      if (e - p < 16) return TRUNCATED;
      return byEtherType((f[p + 14] << 8) | f[p + 15], f, p + 16, e, seg);
    case LINKTYPE.LINUX_SLL2:
      if (e - p < 20) return TRUNCATED;
      return byEtherType((f[p] << 8) | f[p + 1], f, p + 20, e, seg);
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP: {
      if (e - p < 4) return TRUNCATED;
      // The address family in the byte order of the host that wrote it (LOOP: network order).
      const le = f[p] | (f[p + 1] << 8) | (f[p + 2] << 16) | (f[p + 3] << 24);
      const be = (f[p] << 24) | (f[p + 1] << 16) | (f[p + 2] << 8) | f[p + 3];
      const af = linkType === LINKTYPE.LOOP ? be : (le & 0xffff0000) === 0 ? le : be;
      if (af === 2) return ipv4(f, p + 4, e, seg);
      if (af === 10 || af === 24 || af === 28 || af === 30) return ipv6(f, p + 4, e, seg);
      return SKIP;
    }
    case LINKTYPE.RAW:
    case 12:
    case 14:
      return rawIp(f, p, e, seg);
    case LINKTYPE.IPV4:
      return ipv4(f, p, e, seg);
    case LINKTYPE.IPV6:
      return ipv6(f, p, e, seg);
    default:
      return LINK;
  }
}

function byEtherType(type: number, f: Uint8Array, p: number, e: number, seg: TcpSegment): number {
  if (type === ETHER_IPV4) return ipv4(f, p, e, seg);
  if (type === ETHER_IPV6) return ipv6(f, p, e, seg);
  return SKIP;
}

function rawIp(f: Uint8Array, p: number, e: number, seg: TcpSegment): number {
  if (e <= p) return TRUNCATED;
  const v = f[p] >> 4;
  return v === 4 ? ipv4(f, p, e, seg) : v === 6 ? ipv6(f, p, e, seg) : SKIP;
}

/** A big-endian 32-bit word, as a signed 32-bit integer (which the engine keeps small; sequence arithmetic wraps the same). */
function word(f: Uint8Array, p: number): number {
  return (f[p] << 24) | (f[p + 1] << 16) | (f[p + 2] << 8) | f[p + 3];
}

function ipv4(f: Uint8Array, p: number, e: number, seg: TcpSegment): number {
  if (e < p + 20) return TRUNCATED;
  if (f[p] >> 4 !== 4) return SKIP;
  const ihl = (f[p] & 15) * 4;
  if (ihl < 20 || e < p + ihl) return TRUNCATED;
  const total = (f[p + 2] << 8) | f[p + 3];
  // A total length of 0 is what segmentation offload leaves in captures: take the frame's end.
  const end = total === 0 ? e : Math.min(e, p + total);
  const fragment = ((f[p + 6] << 8) | f[p + 7]) & 0x3fff; // MF flag and fragment offset
  if (f[p + 9] !== 6) return SKIP;
  if (fragment !== 0) {
    seg.family = 4;
    seg.ipAt = p;
    seg.ipEnd = end;
    seg.fragAt = -1;
    return FRAGMENT;
  }
  seg.family = 4;
  seg.s0 = seg.s1 = seg.s2 = 0;
  seg.d0 = seg.d1 = seg.d2 = 0;
  seg.s3 = (f[p + 12] << 24) | (f[p + 13] << 16) | (f[p + 14] << 8) | f[p + 15];
  seg.d3 = (f[p + 16] << 24) | (f[p + 17] << 16) | (f[p + 18] << 8) | f[p + 19];
  seg.srcAt = p + 12;
  seg.dstAt = p + 16;
  return tcp(f, p + ihl, end, seg);
}

function ipv6(f: Uint8Array, p: number, e: number, seg: TcpSegment): number {
  if (e < p + 40) return TRUNCATED;
  if (f[p] >> 4 !== 6) return SKIP;
  const plen = (f[p + 4] << 8) | f[p + 5];
  const end = plen === 0 ? e : Math.min(e, p + 40 + plen);
  let next = f[p + 6];
  let q = p + 40;
  // Extension headers (RFC 8200 §4): hop-by-hop 0, routing 43, destination options 60,
  // mobility 135, HIP 139, shim6 140: (len + 1) * 8 bytes; AH 51: (len + 2) * 4 bytes.
  for (;;) {
    if (next === 6) break;
    if (next === 0 || next === 43 || next === 60 || next === 135 || next === 139 || next === 140 || next === 51) {
      if (end < q + 2) return TRUNCATED;
      const len = next === 51 ? (f[q + 1] + 2) * 4 : (f[q + 1] + 1) * 8;
      next = f[q];
      q += len;
      continue;
    }
    if (next === 44) {
      if (end < q + 8) return TRUNCATED;
      const offMore = (f[q + 2] << 8) | f[q + 3];
      // An atomic fragment (offset 0, no more fragments, RFC 6946) is a whole packet.
      if ((offMore & 0xfff9) !== 0) {
        // Only what may carry TCP is worth putting together: TCP, or an extension header before it.
        const inner = f[q];
        if (inner !== 6 && inner !== 0 && inner !== 43 && inner !== 60 && inner !== 135 && inner !== 139 && inner !== 140 && inner !== 51) return SKIP;
        seg.family = 6;
        seg.ipAt = p;
        seg.ipEnd = end;
        seg.fragAt = q;
        return FRAGMENT;
      }
      next = f[q];
      q += 8;
      continue;
    }
    return SKIP;
  }
  seg.family = 6;
  seg.s0 = word(f, p + 8);
  seg.s1 = word(f, p + 12);
  seg.s2 = word(f, p + 16);
  seg.s3 = word(f, p + 20);
  seg.d0 = word(f, p + 24);
  seg.d1 = word(f, p + 28);
  seg.d2 = word(f, p + 32);
  seg.d3 = word(f, p + 36);
  seg.srcAt = p + 8;
  seg.dstAt = p + 24;
  return tcp(f, q, end, seg);
}

function tcp(f: Uint8Array, p: number, end: number, seg: TcpSegment): number {
  if (end < p + 20) return TRUNCATED;
  const off = (f[p + 12] >> 4) * 4;
  if (off < 20 || end < p + off) return TRUNCATED;
  seg.srcPort = (f[p] << 8) | f[p + 1];
  seg.dstPort = (f[p + 2] << 8) | f[p + 3];
  seg.seq = (f[p + 4] << 24) | (f[p + 5] << 16) | (f[p + 6] << 8) | f[p + 7];
  seg.ack = (f[p + 8] << 24) | (f[p + 9] << 16) | (f[p + 10] << 8) | f[p + 11];
  seg.flags = f[p + 13];
  seg.start = p + off;
  seg.end = end;
  return TCP;
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
