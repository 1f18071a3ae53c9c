/**
 * The customer-gateway configuration AWS puts, as one XML string, in every VPN connection
 * (`CustomerGatewayConfiguration`): two `<ipsec_tunnel>` blocks with both outside addresses, the
 * inside /30s, the pre-shared key and AWS's sample IKE/IPsec parameters for the customer side.
 * The XML is regular and generated, so a few element lookups read it; line numbers are those of
 * the JSON key that holds the string (the XML is one JSON line).
 */
export interface XmlTunnel {
  customerOutside?: string;
  awsOutside?: string;
  awsInside?: string;
  psk?: string;
  ike?: { lifetime?: number; mode?: string };
  ipsec?: { lifetime?: number };
  dpd?: { interval?: number; retries?: number };
}

function element(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? m[1] : undefined;
}

function text(xml: string | undefined, ...path: string[]): string | undefined {
  let cur = xml;
  for (const p of path) {
    if (cur === undefined) return undefined;
    cur = element(cur, p);
  }
  const t = cur?.trim();
  return t === '' ? undefined : t;
}

function num(v: string | undefined): number | undefined {
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

export function readCustomerGatewayXml(xml: string): XmlTunnel[] {
  const blocks = xml.match(/<ipsec_tunnel>[\s\S]*?<\/ipsec_tunnel>/g) ?? [];
  return blocks.map((b) => {
    const cgw = element(b, 'customer_gateway');
    const vgw = element(b, 'vpn_gateway');
    const ike = element(b, 'ike');
    const ipsec = element(b, 'ipsec');
    const insideIp = text(vgw, 'tunnel_inside_address', 'ip_address');
    const insideCidr = text(vgw, 'tunnel_inside_address', 'network_cidr');
    return {
      customerOutside: text(cgw, 'tunnel_outside_address', 'ip_address'),
      awsOutside: text(vgw, 'tunnel_outside_address', 'ip_address'),
      awsInside: insideIp && insideCidr ? `${insideIp}/${insideCidr}` : undefined,
      psk: text(ike, 'pre_shared_key'),
      ike: { lifetime: num(text(ike, 'lifetime')), mode: text(ike, 'mode') },
      ipsec: { lifetime: num(text(ipsec, 'lifetime')) },
      dpd: { interval: num(text(ipsec, 'dead_peer_detection', 'interval')), retries: num(text(ipsec, 'dead_peer_detection', 'retries')) },
    };
  });
}
