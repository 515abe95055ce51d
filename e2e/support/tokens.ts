/** A JWT the sandbox accepts (it cannot check FanReach signatures), with the claims a test needs. */
export function createJwt(claims: {
  sub?: string
  name?: string
  exp?: number
  club?: string
}): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url')
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ iat: Math.floor(Date.now() / 1000), ...claims })}.ZTJlLXNpZ25hdHVyZQ`
}
