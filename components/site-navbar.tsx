"use client";

import Link from "next/link";
import Container from "react-bootstrap/Container";
import Nav from "react-bootstrap/Nav";
import Navbar from "react-bootstrap/Navbar";
import { ThemeToggle } from "./theme-toggle";

export type NavLink = { href: string; label: string };

type Props = { name: string; links: NavLink[]; themeToggle: boolean };

export function SiteNavbar({ name, links, themeToggle }: Props) {
  return (
    <Navbar expand="md" variant="dark" className="brand-surface" as="nav" aria-label="Main">
      <Container>
        <Navbar.Brand as={Link} href="/" className="fw-semibold">
          {name}
        </Navbar.Brand>
        <Navbar.Toggle aria-controls="main-navbar" />
        <Navbar.Collapse id="main-navbar">
          <Nav className="me-auto">
            {links.map((link) => (
              <Nav.Link key={link.href} as={Link} href={link.href}>
                {link.label}
              </Nav.Link>
            ))}
          </Nav>
          {themeToggle && <ThemeToggle />}
        </Navbar.Collapse>
      </Container>
    </Navbar>
  );
}
