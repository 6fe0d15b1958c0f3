/**
 * The SSRF guard: tells which IP addresses a fetch may connect to. Checked on the addresses DNS
 * returned (and the fetcher connects to exactly the address checked), so a host name that
 * resolves to a private address is refused like the literal address would be.
 *
 * @module pipeline/ingest/address-guard
 */
import { BlockList, isIP } from 'node:net'

/** Address ranges no fetch reaches unless allowed, with the name a refusal reports. */
const BLOCKED: readonly (readonly [string, number, 'ipv4' | 'ipv6', string])[] = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignments'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fc00::', 7, 'ipv6', 'unique local (private)'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['ff00::', 8, 'ipv6', 'multicast'],
  // NAT64 and 6to4 embed an IPv4 address that may be private; refuse the ranges outright.
  ['64:ff9b::', 96, 'ipv6', 'NAT64'],
  ['2002::', 16, 'ipv6', '6to4'],
]

const LISTS = BLOCKED.map(([net, prefix, type, name]) => {
  const list = new BlockList()
  list.addSubnet(net, prefix, type)
  return { list, name }
})

/** Which non-public addresses a fetcher may still reach (tests: the loopback server). */
export interface AddressPolicy {
  /** CIDRs (`127.0.0.1/32`, `::1/128`, `10.0.0.0/8`) allowed although not public. */
  readonly allow?: readonly string[]
}

/** A compiled {@link AddressPolicy}: `check(ip)` is `null` when allowed, else the reason. */
export interface AddressGuard {
  check(ip: string): string | null
}

/** Compiles a policy. Throws on a malformed CIDR (a configuration error, caught at start). */
export function createAddressGuard(policy: AddressPolicy = {}): AddressGuard {
  const allowed = new BlockList()
  for (const cidr of policy.allow ?? []) {
    const [net = '', bits] = cidr.split('/')
    const family = isIP(net)
    if (family === 0) throw new Error(`not an IP network: ${cidr}`)
    const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits)
    allowed.addSubnet(net, prefix, family === 4 ? 'ipv4' : 'ipv6')
  }
  return {
    check(ip) {
      const family = isIP(ip)
      if (family === 0) return `${ip} is not an IP address`
      const type = family === 4 ? 'ipv4' : 'ipv6'
      if (allowed.check(ip, type)) return null
      // BlockList matches IPv4-mapped IPv6 (::ffff:127.0.0.1, ::ffff:7f00:1) against IPv4 rules.
      for (const { list, name } of LISTS) {
        if (list.check(ip, type)) return `address ${ip} is ${name}, refused`
      }
      return null
    },
  }
}
