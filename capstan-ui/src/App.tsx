import { BrowserRouter, Navigate, NavLink, Route, Routes } from 'react-router';
import { ApplicationPage } from './application/ApplicationPage';
import { ApplicationsPage } from './applications/ApplicationsPage';
import { CreateApplicationPage } from './create/CreateApplicationPage';
import { LoginPage } from './session/LoginPage';
import { RequireLogin, SessionProvider } from './session/Session';
import { UserMenu } from './session/UserMenu';
import { Logo } from './ui/Logo';

/** The routes of the UI; every page but the login page needs a session. */
export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route
            path="*"
            element={
              <RequireLogin>
                <Frame />
              </RequireLogin>
            }
          />
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}

function Frame() {
  return (
    <>
      <header className="topbar">
        <NavLink to="/applications" className="brand" aria-label="Capstan home">
          <Logo /> Capstan
        </NavLink>
        <nav aria-label="Main">
          <NavLink to="/applications" end={false}>
            Applications
          </NavLink>
        </nav>
        <UserMenu />
      </header>
      <main>
        <Routes>
          <Route path="/" element={<Navigate to="/applications" replace />} />
          <Route path="/applications" element={<ApplicationsPage />} />
          <Route path="/applications/new" element={<CreateApplicationPage />} />
          <Route path="/applications/:name" element={<ApplicationPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
    </>
  );
}

function NotFound() {
  return (
    <div className="page">
      <div className="empty card">
        <h2>No such page</h2>
        <NavLink to="/applications">Go to the applications</NavLink>
      </div>
    </div>
  );
}
