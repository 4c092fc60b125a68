import type { AnchorHTMLAttributes } from 'react'
import { followInAppLink } from '../routes/navigation'

/** An `<a>` to a path of this app that navigates without a page reload. */
export function AppLink(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { onClick, ...rest } = props
  return (
    <a
      {...rest}
      onClick={(event) => {
        onClick?.(event)
        followInAppLink(event)
      }}
    />
  )
}
